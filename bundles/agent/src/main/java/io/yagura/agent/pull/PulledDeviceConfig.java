package io.yagura.agent.pull;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One device the agent polls: a factory configuration io.yagura.agent.pull, one file
 * etc/io.yagura.agent.pull-&lt;id&gt;.cfg per device. Read by {@link PulledDeviceSettings}, which
 * checks every field and names the one that is wrong (the form in the web console comes from here).
 */
@ObjectClassDefinition(name = "Yagura agent: pulled device",
        description = "A device at the customer's site that the agent polls (Cisco IPS over SDEE) and whose records it forwards")
public @interface PulledDeviceConfig {

    @AttributeDefinition(description = "The device's id: its cursor, counters (pull/<id>/...) and duplicate ids")
    String id();

    @AttributeDefinition(description = "Vendor plugin that polls it")
    String vendor() default "cisco-ips";

    @AttributeDefinition(description = "The device's address as registered at the centre: the source of its records, "
            + "by which the centre attributes them")
    String address();

    @AttributeDefinition(description = "SDEE URL, https only, e.g. https://192.0.2.20/cgi-bin/sdee-server")
    String url();

    @AttributeDefinition(description = "Login on the device (a viewer account is enough)")
    String username();

    @AttributeDefinition(description = "Its password; never logged", type = AttributeType.PASSWORD)
    String password();

    @AttributeDefinition(description = "Seconds between polls (5 to 3600); empty: io.yagura.pull default.poll.interval.s")
    String poll_interval_s() default "";

    @AttributeDefinition(description = "Trust store of the device's TLS certificate (PEM, PKCS#12 or JKS), relative to etc/ "
            + "unless absolute; empty: the JVM's default trust")
    String truststore() default "";
}
