package io.yagura.notify.phone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.notify.phone.sip.SipPhone;
import io.yagura.notify.phone.sip.SipSettings;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Digest authentication against SIPp peers that check the credentials: REGISTER, and INVITE challenged by the trunk. */
class SipAuthenticationTest {

    private static SipSettings settings(int registrarPort, String password) throws Exception {
        return settings(registrarPort, password, true);
    }

    /** @param register false: the port is the trunk's only, nothing registers */
    private static SipSettings settings(int port, String password, boolean register) throws Exception {
        return new SipSettings("127.0.0.1", port, register ? "127.0.0.1" : null, port, "udp", "yagura", password,
                "yagura.test", "127.0.0.1", Sipp.freeUdpPort(), 41000, 41998, Duration.ofSeconds(5),
                Duration.ofSeconds(600));
    }

    @Test
    void thePhoneRegistersWithTheRightPasswordAndUnregistersWhenItStops() throws Exception {
        try (Sipp registrar = Sipp.callee("registrar-auth")) {
            SipPhone phone = SipPhone.start(settings(registrar.port, "s3cret"));
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> phone.registration().startsWith("registered"));
                assertTrue(phone.registration().contains("registered at 127.0.0.1:" + registrar.port), phone.registration());
            } finally {
                phone.close(); // sends the unregistration the scenario waits for
            }
            registrar.assertScenarioPassed();
            String log = Files.readString(registrar.messages);
            assertTrue(log.contains("Authorization: Digest"), "the second REGISTER carries the credentials");
            assertFalse(log.contains("s3cret"), "the password itself never goes on the wire");
        }
    }

    @Test
    void aWrongPasswordIsReportedAsTheRegistrarsRefusal() throws Exception {
        try (Sipp registrar = Sipp.callee("registrar-auth");
             SipPhone phone = SipPhone.start(settings(registrar.port, "wrong"))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> phone.registration().startsWith("registration failed"));
            assertEquals("registration failed: the registrar answered 403 Forbidden", phone.registration());
            assertFalse(phone.settings().toString().contains("wrong"), "the password is masked");
        }
    }

    @Test
    void aCallChallengedByTheTrunkIsPlacedWithTheCredentials() throws Exception {
        try (Sipp trunk = Sipp.callee("answer-auth");
             SipPhone phone = SipPhone.start(settings(trunk.port, "s3cret", false))) {
            io.yagura.notify.phone.sip.CallResult r = phone.call("0312345678", new SipPhone.Script(
                    io.yagura.notify.phone.media.MuLaw.silence(3 * 8000), (byte[]) null, '1', Duration.ofSeconds(1)));
            assertEquals(200, r.status(), r.answer());
            assertTrue(r.acknowledged(), r.toString());
            trunk.assertScenarioPassed();
        }
    }

    @Test
    void aCallWithAWrongPasswordEndsWithTheTrunksRefusal() throws Exception {
        try (Sipp trunk = Sipp.callee("answer-auth");
             SipPhone phone = SipPhone.start(settings(trunk.port, "wrong", false))) {
            io.yagura.notify.phone.sip.CallResult r = phone.call("0312345678", new SipPhone.Script(
                    io.yagura.notify.phone.media.MuLaw.silence(8000), (byte[]) null, '1', Duration.ofSeconds(1)));
            assertEquals(403, r.status());
            assertEquals("403 Forbidden", r.answer());
        }
    }
}
