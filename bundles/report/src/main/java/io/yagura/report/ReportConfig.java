package io.yagura.report;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID io.yagura.report (etc/io.yagura.report.cfg). */
@ObjectClassDefinition(name = "Yagura monthly reports")
public @interface ReportConfig {

    @AttributeDefinition(description = "Quartz cron expression of the run that makes missing reports of finished months")
    String schedule() default "0 30 2 * * ?";

    @AttributeDefinition(name = "catchUp.months", description = "How many finished months a run looks back")
    int catchUp_months() default 3;

    @AttributeDefinition(description = "Time zone the months are counted in")
    String zone() default "Asia/Tokyo";

    @AttributeDefinition(name = "font.path", description = "TrueType font embedded in the PDFs (Japanese and Latin)")
    String font_path() default "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf";

    @AttributeDefinition(description = "Rows of the top attackers, targets and rules tables")
    int top() default 10;

    @AttributeDefinition(description = "Mail scheduled reports to the customer's report contacts")
    boolean mail() default true;

    @AttributeDefinition(name = "mail.attempts", description = "Tries of a report mail in all")
    int mail_attempts() default 3;

    @AttributeDefinition(description = "Language of a customer without report contacts (ja, en)")
    String defaultLanguage() default "en";
}
