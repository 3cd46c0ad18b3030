package io.yagura.notify.phone;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the phone channel, PID {@code io.yagura.notify.phone} ({@code etc/io.yagura.notify.phone.cfg}). */
@ObjectClassDefinition(name = "Yagura phone notification channel",
        description = "SIP trunk, account, escalation rounds and spoken notices of incident calls.")
public @interface PhoneConfig {

    @AttributeDefinition(description = "SIP trunk or PBX the calls go to, host:port (port 5060, 5061 for tls, when "
            + "left out); empty: no calls are placed (each attempt is recorded as not called, then the SOC alarm)")
    String trunk() default "";

    @AttributeDefinition(description = "Registrar to REGISTER with, host:port; empty: no registration")
    String registrar() default "";

    @AttributeDefinition(description = "udp, tcp or tls (tls: the JVM trust store checks the trunk's certificate)")
    String transport() default "udp";

    @AttributeDefinition(description = "tls: a trust store (PKCS12) for a trunk whose certificate the JVM's trust "
            + "store does not know (a private CA); empty: the JVM's")
    String tls_trustStore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The trust store's password (never logged)")
    String tls_trustStorePassword() default "";

    @AttributeDefinition(description = "The account's user name (From, Contact, digest authentication)")
    String user() default "yagura";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Digest password (never logged)")
    String password() default "";

    @AttributeDefinition(description = "The account's domain; empty: the trunk host")
    String domain() default "";

    @AttributeDefinition(description = "This node's address in Via, Contact and SDP; empty: the address that "
            + "routes to the trunk")
    String localAddress() default "";

    @AttributeDefinition(description = "This node's SIP port")
    int localPort() default 5060;

    @AttributeDefinition(description = "RTP port range, FIRST-LAST (two ports per call)")
    String rtpPorts() default "40000-40999";

    @AttributeDefinition(description = "Seconds a call may ring before it is cancelled and the next contact called")
    int ringTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Seconds to wait for the digit after the notice was spoken")
    int digitWaitSeconds() default 10;

    @AttributeDefinition(description = "The digit that acknowledges the notice")
    String ackDigit() default "1";

    @AttributeDefinition(description = "Rounds through the list of contacts before the SOC is alarmed")
    int rounds() default 3;

    @AttributeDefinition(description = "Seconds between two rounds")
    int roundPauseSeconds() default 120;

    @AttributeDefinition(description = "SOC addresses mailed when an escalation is exhausted (comma separated; "
            + "through the mail channel's SMTP settings); empty: the log and the audit entry only")
    String alarmMailTo() default "";

    @AttributeDefinition(description = "Registration lifetime asked for, in seconds (renewed at 80 %)")
    int registerExpirySeconds() default 600;

    @AttributeDefinition(description = "How names are read aloud (kana for Japanese), see docs/phone.md")
    String readings() default "${karaf.etc}/yagura/phone-readings.properties";

    @AttributeDefinition(description = "The espeak-ng program")
    String espeak() default "espeak-ng";

    @AttributeDefinition(description = "Incidents escalated at the same time (one call each)")
    int threads() default 4;
}
