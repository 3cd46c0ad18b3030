package io.yagura.templates.freemarker;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the templates, PID {@code io.yagura.templates} ({@code etc/io.yagura.templates.cfg}). */
@ObjectClassDefinition(name = "Yagura templates",
        description = "Where operators override the bundled templates of mail and the other channels, and how often "
                + "their files are checked for changes.")
public @interface TemplatesConfig {

    @AttributeDefinition(description = "Directory of operator templates: <dir>/<language>/<area>/<name>.ftl")
    String dir() default "${karaf.etc}/yagura/templates";

    @AttributeDefinition(description = "Seconds between checks of the operator's files for changes; 0: only on "
            + "yagura:templates --reload")
    int reload_checkSeconds() default 10;
}
