package io.yagura.correlation.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura correlation",
        description = "Rules, threat intelligence and windows of the correlation engine")
public @interface CorrelationConfig {

    @AttributeDefinition(description = "Directory of Sigma rule files (*.yml); relative to Karaf's etc/")
    String rules_dir() default "yagura/rules";

    @AttributeDefinition(description = "Directory of threat-intelligence lists (*.txt: one address, CIDR or domain "
            + "per line, optional ',label'); relative to etc/")
    String threatintel_dir() default "yagura/threat-intel";

    @AttributeDefinition(description = "Asset criticality file (per customer: address or CIDR, low/medium/high, "
            + "optional name); relative to etc/; a missing file means no assets")
    String assets_file() default "yagura/assets.yaml";

    @AttributeDefinition(description = "Seconds between checks of the rule, list and asset files for changes")
    int reload_seconds() default 5;

    @AttributeDefinition(description = "Minutes after its last event during which a repeat updates the same incident")
    int aggregation_minutes() default 60;

    @AttributeDefinition(description = "Concurrent consumers of yagura.events (one customer's events stay on one)")
    int consumers() default 2;

    @AttributeDefinition(description = "Longest time in milliseconds a plain incident update (more events of an open "
            + "incident, no level change) waits to be written with later ones; openings and level changes are "
            + "written at once. 0 writes every change at once")
    int store_holdMillis() default 5000;

    @AttributeDefinition(description = "Web attack success (docs/rules.md): minutes after an attacker's last web attack "
            + "alert during which its requests and the server's transfers to it are watched")
    int web_window_minutes() default 120;

    @AttributeDefinition(description = "Web attack success: answered requests of the attacker to one path whose sizes, "
            + "in exactly two stable classes, prove a boolean blind injection (at least 4)")
    int web_inference_requests() default 6;

    @AttributeDefinition(description = "Web attack success: spread allowed inside one size or duration class, percent "
            + "of its median")
    int web_class_tolerance_percent() default 10;

    @AttributeDefinition(description = "Web attack success: sessions of the attacker at least as long as the delay its "
            + "injection asked for (SLEEP, WAITFOR DELAY, pg_sleep) that prove a time-based blind injection")
    int web_delay_repeats() default 3;

    @AttributeDefinition(description = "Web attack success: megabytes (10^6 bytes) the attacked server sends to the "
            + "attacker within the window that prove data went out")
    int web_dataout_megabytes() default 20;

    @AttributeDefinition(description = "Web attack success: normal answers, of varying sizes, of a path flagged as a "
            + "webshell that prove it runs the attacker's commands (at least 2)")
    int web_webshell_answers() default 3;
}
