package io.yagura.advisory;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID io.yagura.advisory (etc/io.yagura.advisory.cfg). */
@ObjectClassDefinition(name = "Yagura security advisories")
public @interface AdvisoryConfig {

    @AttributeDefinition(name = "mail.attempts", description = "Tries of one advisory mail to one recipient in all")
    int mail_attempts() default 3;

    @AttributeDefinition(name = "mail.retryDelaySeconds",
            description = "Seconds before the 2nd, 3rd, ... try, comma-separated (the last repeats)")
    String mail_retryDelaySeconds() default "5, 30";
}
