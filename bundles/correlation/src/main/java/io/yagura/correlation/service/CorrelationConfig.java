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
}
