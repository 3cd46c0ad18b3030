package io.yagura.agent.centre;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura agents (centre side)",
        description = "Where customer-site agents connect and enrol; their CA and list under data/yagura/agents")
public @interface CentreAgentsConfig {

    @AttributeDefinition(description = "Address the agents' acceptor and the enrolment endpoint listen on")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(description = "Port of the broker's mutual-TLS acceptor for agents (CORE protocol)")
    int broker_port() default 61617;

    @AttributeDefinition(description = "Port of the enrolment endpoint (TLS)")
    int enrol_port() default 61618;

    @AttributeDefinition(description = "Names and addresses agents use to reach the centre, comma-separated "
            + "(they go into the centre's certificate, which agents check)")
    String hosts() default "127.0.0.1";

    @AttributeDefinition(description = "Hours an enrolment token stays valid")
    int token_hours() default 24;

    @AttributeDefinition(description = "Days an agent certificate is valid (re-enrol before)")
    int certificate_days() default 825;

    @AttributeDefinition(description = "Minutes without connection or lines after which an agent is reported silent")
    int silence_minutes() default 15;

    @AttributeDefinition(description = "Seconds between checks of the agents' state")
    int check_period_seconds() default 60;

    @AttributeDefinition(description = "Only when the platform's queues are on an external broker: its CORE URL "
            + "(e.g. tcp://mq.soc.example:61616?sslEnabled=true;trustStorePath=...). Agents connect to this node, "
            + "which forwards each agent's lines there (docs/agent.md, 'With an external broker'). Empty: the "
            + "platform uses this node's embedded broker")
    String forward_url() default "";

    @AttributeDefinition(description = "User on the external broker for forward.url")
    String forward_user() default "";

    @AttributeDefinition(description = "Password of forward.user",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String forward_password() default "";
}
