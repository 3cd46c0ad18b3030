package io.yagura.ingest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura syslog ingest",
        description = "Syslog listeners and the batching of lines towards the vendor queues")
public @interface IngestConfig {

    @AttributeDefinition(description = "Address the listeners bind to (0.0.0.0: all interfaces)")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(description = "UDP syslog port; 0 disables the listener")
    int udp_port() default 5514;

    @AttributeDefinition(description = "TCP syslog port (LF or octet-counting framing); 0 disables")
    int tcp_port() default 5514;

    @AttributeDefinition(description = "TLS syslog port (RFC 5425); 0 disables")
    int tls_port() default 6514;

    @AttributeDefinition(description = "PKCS12 key store with the server key pair. Empty: a key pair "
            + "is generated on first start under data/yagura/tls/")
    String tls_keystore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of tls.keystore")
    String tls_keystorePassword() default "";

    @AttributeDefinition(description = "PKCS12 or PEM trust store of the CAs whose client certificates "
            + "are accepted. When set, clients MUST present a certificate signed by one of them.")
    String tls_truststore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of tls.truststore")
    String tls_truststorePassword() default "";

    @AttributeDefinition(description = "Longest accepted line in bytes; longer lines are cut and sent "
            + "to the dead-letter queue as oversized")
    int max_line_bytes() default 65536;

    @AttributeDefinition(description = "Lines per broker message")
    int batch_size() default 500;

    @AttributeDefinition(description = "Longest wait in milliseconds before a partial batch is sent: lines "
            + "waiting for their batch live only in memory and are lost if the process dies")
    int batch_timeout_ms() default 20;

    @AttributeDefinition(description = "Netty worker threads for the TCP and TLS listeners")
    int worker_threads() default 2;

    @AttributeDefinition(description = "Let the vendor plugins' probes recognise lines from unregistered sources (they go to "
            + "the vendor's queue); false: every such line goes to yagura.raw.unknown. A customer-site agent sets false: "
            + "the centre attributes its lines (docs/agent.md)")
    boolean probe_unregistered() default true;
}
