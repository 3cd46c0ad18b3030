package io.yagura.agent.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura agent", description = "This customer-site agent's identity and its centre")
public @interface AgentNodeConfig {

    @AttributeDefinition(description = "The agent's name, as given to yagura:agent-enrol on the centre")
    String name();

    @AttributeDefinition(description = "Host name or address of the centre (as in the centre's hosts setting)")
    String centre_host();

    @AttributeDefinition(description = "Port of the centre's agents acceptor (mutual TLS)")
    int centre_port() default 61617;

    @AttributeDefinition(description = "Port of the centre's enrolment endpoint")
    int enrol_port() default 61618;

    @AttributeDefinition(description = "SHA-256 fingerprint of the centre's agent CA (printed by yagura:agent-enrol)")
    String centre_ca_fingerprint() default "";

    @AttributeDefinition(description = "One-time enrolment token (printed by yagura:agent-enrol); unused once enrolled",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String enrol_token() default "";

    @AttributeDefinition(description = "Check the centre's certificate names the host connected to")
    boolean verify_host() default true;

    @AttributeDefinition(description = "The queue the listeners fill and the link forwards")
    String queue() default "yagura.raw.unknown";

    @AttributeDefinition(description = "Fill level of the disk buffer, in percent, at which an alarm is logged")
    int buffer_alarm_percent() default 80;

    @AttributeDefinition(description = "Seconds between buffer checks (and enrolment retries)")
    int check_period_seconds() default 30;

    @AttributeDefinition(description = "Days before its end at which the agent renews its certificate with the "
            + "centre (tried at every check until it succeeds)")
    int renew_days_before() default 30;
}
