package io.yagura.health;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura device health",
        description = "ICMP echo and TCP probes of every registered device, log silence, device fault incidents")
public @interface HealthConfig {

    @AttributeDefinition(description = "Watch the devices; false stops every probe and silence check")
    boolean enabled() default true;

    @AttributeDefinition(description = "Seconds between two looks for due probes and log silence (the job yagura-health-check)")
    int check_period_seconds() default 5;

    @AttributeDefinition(description = "Seconds between probes of a device that answers (per-device override: yagura:health-set --interval)")
    int interval_seconds() default 180;

    @AttributeDefinition(description = "Seconds between a failed probe and its retry")
    int retry_gap_seconds() default 60;

    @AttributeDefinition(description = "Retries after a failed probe, retry.gap.seconds apart; then probes go on at interval.seconds")
    int retries() default 2;

    @AttributeDefinition(description = "Seconds after the first failed probe at which a device that still does not answer is declared faulty (an incident)")
    int fault_after_seconds() default 900;

    @AttributeDefinition(description = "Seconds of log silence after which a device that sent logs is reported (per-device override: yagura:health-set --silence); 0: never")
    int silence_threshold_seconds() default 1800;

    @AttributeDefinition(description = "A device quiet by habit: silence is reported only beyond this many times the longest "
            + "normal gap learned between its logs (older gaps count half after a week), and never before "
            + "silence.threshold.seconds; 0: the threshold alone")
    int silence_learned_factor() default 3;

    @AttributeDefinition(description = "Seconds between two recordings of this node's log arrivals in the database (job "
            + "yagura-health-log-record, on every node): at most one write per device per period, however many lines; "
            + "the node judging silence sees another node's lines this much later. Keep silence thresholds well above it")
    int log_record_seconds() default 30;

    @AttributeDefinition(description = "Milliseconds an ICMP echo reply is waited for")
    int ping_timeout_ms() default 2000;

    @AttributeDefinition(description = "Milliseconds a TCP connect is waited for")
    int tcp_timeout_ms() default 3000;

    @AttributeDefinition(description = "Probes run at the same time at most (threads); the scheduler thread only hands them out")
    int probe_threads() default 8;

    @AttributeDefinition(description = "How ICMP echo is sent: auto (fping, else ping, else the JDK's raw socket with CAP_NET_RAW), "
            + "fping, ping, jdk or none. Never a TCP echo: without a way to send ICMP the state says ICMP-UNAVAILABLE")
    String icmp_method() default "auto";
}
