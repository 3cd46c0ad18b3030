package io.yagura.ingest.relp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura RELP listener",
        description = "Acknowledged syslog ingestion (RELP, as rsyslog's omrelp sends it): a line is "
                + "acknowledged only once the broker holds it durably")
public @interface RelpConfig {

    @AttributeDefinition(description = "Address the listener binds to (0.0.0.0: all interfaces)")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(description = "RELP port; 0 disables the listener")
    int port() default 2514;

    @AttributeDefinition(description = "Largest RELP frame in bytes; a larger frame is dead-lettered (its "
            + "head), answered 500 and the connection closed")
    int max_frame_bytes() default 131072;

    @AttributeDefinition(description = "Frames committed to the broker in one transaction at most (rsyslog "
            + "sends up to 128 unacknowledged frames by default)")
    int commit_lines() default 128;

    @AttributeDefinition(description = "Longest wait in milliseconds for more frames before a partial window "
            + "is committed")
    int commit_delay_ms() default 5;

    @AttributeDefinition(description = "Frames a connection may have waiting for their commit before the "
            + "listener stops reading from it")
    int max_pending_frames() default 1024;

    @AttributeDefinition(description = "Line ids remembered per sending address to recognise lines sent again "
            + "after a reconnect; at least twice rsyslog's window (windowSize)")
    int duplicate_ids() default 2048;

    @AttributeDefinition(description = "Netty threads reading RELP connections")
    int worker_threads() default 1;
}
