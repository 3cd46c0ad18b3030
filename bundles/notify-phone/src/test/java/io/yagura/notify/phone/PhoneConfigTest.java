package io.yagura.notify.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.notify.phone.sip.SipSettings;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** etc/io.yagura.notify.phone.cfg read as Config Admin hands it over: defaults, and clear errors. */
class PhoneConfigTest {

    /** The configuration with the annotation's defaults and {@code values} (property names as in the .cfg). */
    static PhoneConfig config(Map<String, Object> values) {
        return (PhoneConfig) Proxy.newProxyInstance(PhoneConfig.class.getClassLoader(), new Class<?>[] {PhoneConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }

    @Test
    void theTrunkAndItsDefaultsMakeTheSipSettingsWithThePasswordMasked() {
        SipSettings s = PhoneChannelComponent.settings(config(Map.of("trunk", "127.0.0.1", "password", "s3cret",
                "registrar", "127.0.0.1:5070")));
        assertEquals("127.0.0.1", s.trunkHost());
        assertEquals(5060, s.trunkPort());
        assertEquals(5070, s.registrarPort());
        assertEquals("127.0.0.1", s.localAddress(), "the address that routes to the trunk");
        assertEquals(40000, s.rtpMinPort());
        assertEquals(30, s.ringTimeout().toSeconds());
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertTrue(s.toString().contains("password ****"), s.toString());
    }

    @Test
    void tlsDefaultsToPort5061() {
        assertEquals(5061, PhoneChannelComponent.settings(config(Map.of("trunk", "127.0.0.1", "transport", "tls")))
                .trunkPort());
    }

    @Test
    void badValuesAreNamedInTheError() {
        assertEquals("transport 'sctp': udp, tcp or tls", assertThrows(IllegalArgumentException.class,
                () -> PhoneChannelComponent.settings(config(Map.of("trunk", "127.0.0.1", "transport", "sctp"))))
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PhoneChannelComponent.settings(
                config(Map.of("trunk", "127.0.0.1", "rtpPorts", "40000")))).getMessage().contains("FIRST-LAST"));
        assertEquals("no trunk configured", assertThrows(IllegalArgumentException.class,
                () -> PhoneChannelComponent.settings(config(Map.of()))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PhoneChannelComponent.policy(
                config(Map.of("ackDigit", "12")))).getMessage().contains("one digit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PhoneChannelComponent.policy(
                config(Map.of("rounds", 0)))).getMessage().contains("rounds"));
    }

    @Test
    void theInviteSubjectNamesLevelAndIncidentButNotTheAttack() throws Exception {
        io.yagura.api.incident.Incident incident = new Platform().incident(io.yagura.api.incident.Level.EMERGENCY);
        String subject = PhoneChannel.subject(incident, io.yagura.api.incident.Level.EMERGENCY);
        assertEquals("Yagura EMERGENCY " + incident.id(), subject);
        for (String attacker : incident.attackers()) {
            assertTrue(!subject.contains(attacker), subject);
        }
    }

    @Test
    void theSocAlarmMailNamesTheIncidentAndSaysWhatWasDone() throws Exception {
        io.yagura.api.incident.Incident incident = new Platform().incident(io.yagura.api.incident.Level.EMERGENCY);
        java.util.List<io.yagura.api.notify.Mailer.OutgoingMail> sent = new java.util.ArrayList<>();
        io.yagura.api.notify.Mailer mailer = mail -> {
            sent.add(mail);
            return "250 2.0.0 Ok: queued";
        };
        String done = PhoneChannelComponent.mailSoc(mailer, java.util.List.of("soc@example.com"), incident,
                "nobody pressed 1");
        assertEquals("SOC alarm mailed to [soc@example.com]: 250 2.0.0 Ok: queued", done);
        assertTrue(sent.get(0).subject().contains("ALARM " + incident.id()), sent.get(0).subject());
        assertTrue(sent.get(0).text().contains("nobody pressed 1"), sent.get(0).text());
        assertEquals("no SOC alarm address configured (alarmMailTo)",
                PhoneChannelComponent.mailSoc(mailer, java.util.List.of(), incident, "x"));
        assertEquals("SOC alarm mail not sent: no mail channel",
                PhoneChannelComponent.mailSoc(null, java.util.List.of("soc@example.com"), incident, "x"));
    }
}
