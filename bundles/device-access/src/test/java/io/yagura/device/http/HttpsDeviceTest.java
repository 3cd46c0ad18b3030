package io.yagura.device.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.api.registry.Secret;
import io.yagura.emulator.https.EmulatedHttpsServer.Reply;
import io.yagura.emulator.panos.PanOsEmulator;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS conversation against a real HTTPS server: trust, failures and what messages show. */
class HttpsDeviceTest {

    private static final String KEY = "api-key-VERY-secret-123";

    private ScriptedDevice server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedDevice();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Target target(String pin, String trustStore, Duration timeout) {
        return new Target("fw1", server.endpoint(), null, Secret.of(KEY), pin, trustStore, timeout);
    }

    private Target pinned() {
        return target(server.fingerprint(), null, Duration.ofSeconds(10));
    }

    private static DeviceRequest withKey(DeviceRequest request) {
        return request.header("X-API-Key", KEY);
    }

    @Test
    void aPinnedDeviceAnswersAndStatusesOtherThan401And403AreReturned() throws Exception {
        server.answering(call -> Reply.json(call.path().equals("/missing") ? 404 : 200,
                "{\"method\":\"" + call.method() + "\",\"body\":\"" + call.body().length() + "\"}"));
        HttpsDevice device = HttpsDevice.open(pinned());

        DeviceAnswer ok = device.send(withKey(DeviceRequest.json("PUT", "/x?vdom=root", "{\"a\":1}")));
        assertTrue(ok.ok());
        assertEquals("{\"method\":\"PUT\",\"body\":\"7\"}", ok.body());
        assertEquals(404, device.send(withKey(DeviceRequest.get("/missing"))).status());
    }

    @Test
    void aFingerprintPinnedWithBase64PaddingMatchesToo() throws Exception {
        HttpsDevice device = HttpsDevice.open(target(server.fingerprint() + "=", null, Duration.ofSeconds(10)));

        assertTrue(device.send(DeviceRequest.get("/")).ok());
    }

    @Test
    void anUnknownCertificateIsUntrustedWithItsFingerprintAndTheDeviceReceivesNothing() throws Exception {
        HttpsDevice device = HttpsDevice.open(target(null, null, Duration.ofSeconds(10)));

        FirewallException e = assertThrows(FirewallException.class, () -> device.send(withKey(DeviceRequest.get("/"))));
        assertEquals(Failure.UNTRUSTED, e.failure());
        assertEquals(server.fingerprint(), e.presentedFingerprint());
        assertTrue(e.getMessage().contains(server.fingerprint()), e.getMessage());
        assertEquals(List.of(), server.received());
    }

    @Test
    void aJksTrustStoreRelativeToEtcIsUsed(@TempDir Path etc) throws Exception {
        server.writeTrustStore(etc.resolve("fw1.jks"));

        assertTrue(HttpsDevice.open(target(null, "fw1.jks", Duration.ofSeconds(10)), etc)
                .send(DeviceRequest.get("/")).ok());
    }

    @Test
    void aPkcs12TrustStoreWithTheCustomaryPasswordIsUsed(@TempDir Path etc) throws Exception {
        KeyStore jks = KeyStore.getInstance(server.writeTrustStore(etc.resolve("fw1.jks")).toFile(), (char[]) null);
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setCertificateEntry("fw1", jks.getCertificate(jks.aliases().nextElement()));
        try (OutputStream out = Files.newOutputStream(etc.resolve("fw1.p12"))) {
            p12.store(out, "changeit".toCharArray());
        }

        assertTrue(HttpsDevice.open(target(null, "fw1.p12", Duration.ofSeconds(10)), etc)
                .send(DeviceRequest.get("/")).ok());
    }

    @Test
    void withATrustStoreTheHostNameIsCheckedAndPinningDoesNotNeedIt(@TempDir Path etc) throws Exception {
        try (ScriptedDevice elsewhere = new ScriptedDevice(InetAddress.getByAddress(new byte[] {127, 0, 0, 2}))) {
            elsewhere.writeTrustStore(etc.resolve("fw1.jks"));
            Target byStore = new Target("fw1", elsewhere.endpoint(), null, Secret.of(KEY), null, "fw1.jks",
                    Duration.ofSeconds(10));
            Target byPin = new Target("fw1", elsewhere.endpoint(), null, Secret.of(KEY), elsewhere.fingerprint(),
                    null, Duration.ofSeconds(10));

            FirewallException e = assertThrows(FirewallException.class,
                    () -> HttpsDevice.open(byStore, etc).send(DeviceRequest.get("/")));
            assertEquals(Failure.UNTRUSTED, e.failure(), "127.0.0.2 is not in the certificate");
            assertEquals(List.of(), elsewhere.received());
            assertTrue(HttpsDevice.open(byPin, etc).send(DeviceRequest.get("/")).ok());
        }
    }

    @Test
    void aTrustStoreWithoutTheCertificateIsUntrusted(@TempDir Path etc) throws Exception {
        // emulators of one kind share a key pair per JVM: another kind has another certificate
        try (PanOsEmulator other = new PanOsEmulator("u", "p")) {
            other.writeTrustStore(etc.resolve("other.jks"));
        }
        HttpsDevice device = HttpsDevice.open(target(null, "other.jks", Duration.ofSeconds(10)), etc);

        FirewallException e = assertThrows(FirewallException.class, () -> device.send(DeviceRequest.get("/")));
        assertEquals(Failure.UNTRUSTED, e.failure());
        assertEquals(server.fingerprint(), e.presentedFingerprint());
        assertEquals(List.of(), server.received());
    }

    @Test
    void aMissingTrustStoreIsNamed(@TempDir Path etc) {
        FirewallException e = assertThrows(FirewallException.class,
                () -> HttpsDevice.open(target(null, "nowhere.p12", Duration.ofSeconds(10)), etc));

        assertEquals(Failure.UNTRUSTED, e.failure());
        assertTrue(e.getMessage().contains("nowhere.p12"), e.getMessage());
    }

    @Test
    void onlyHttpsEndpointsAreAccepted() {
        Target plain = new Target("fw1", URI.create("http://192.0.2.9/"), null, Secret.of(KEY), null, null, null);

        FirewallException e = assertThrows(FirewallException.class, () -> HttpsDevice.open(plain));
        assertEquals(Failure.UNSUPPORTED, e.failure());
    }

    @Test
    void refusedCredentialsAreAnAuthenticationFailureAndSecretsAreMaskedEvenWhenEchoed() throws Exception {
        server.answering(call -> Reply.json(401, "{\"message\":\"bad key " + call.header("X-API-Key")
                + " for session sid-0123456789\"}"));
        HttpsDevice device = HttpsDevice.open(pinned());
        device.redact("sid-0123456789");

        FirewallException e = assertThrows(FirewallException.class, () -> device.send(withKey(DeviceRequest.get("/"))));
        assertEquals(Failure.AUTHENTICATION, e.failure());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertFalse(e.getMessage().contains("sid-0123456789"), e.getMessage());
        assertTrue(e.getMessage().contains("bad key ********"), e.getMessage());
    }

    @Test
    void aForbiddenAnswerIsAnAuthenticationFailure() throws Exception {
        server.answering(call -> Reply.xml(403, "<response status='error'/>"));

        FirewallException e = assertThrows(FirewallException.class,
                () -> HttpsDevice.open(pinned()).send(DeviceRequest.get("/")));
        assertEquals(Failure.AUTHENTICATION, e.failure());
    }

    @Test
    void anAnswerOverTheSizeLimitIsRefused() throws Exception {
        String huge = "x".repeat(HttpsDevice.MAX_ANSWER_BYTES + 1);
        server.answering(call -> new Reply(200, "text/plain", huge));

        FirewallException e = assertThrows(FirewallException.class,
                () -> HttpsDevice.open(pinned()).send(DeviceRequest.get("/")));
        assertEquals(Failure.UNREACHABLE, e.failure());
        assertTrue(e.getMessage().contains("more than"), e.getMessage());
    }

    @Test
    void aStalledDeviceTimesOutWithinTheTargetTimeout() throws Exception {
        server.faults().stallOn("GET");
        HttpsDevice device = HttpsDevice.open(target(server.fingerprint(), null, Duration.ofSeconds(2)));

        FirewallException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(FirewallException.class, () -> device.send(DeviceRequest.get("/"))));
        assertEquals(Failure.TIMEOUT, e.failure());
        assertTrue(e.getMessage().contains("within 2 s"), e.getMessage());
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsUnreachable() throws Exception {
        server.faults().dropAfter("POST");
        HttpsDevice device = HttpsDevice.open(pinned());

        FirewallException e = assertThrows(FirewallException.class,
                () -> device.send(withKey(DeviceRequest.form("/api/", Map.of("type", "commit")))));
        assertEquals(Failure.UNREACHABLE, e.failure());
        assertTrue(e.getMessage().contains("POST /api/"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws Exception {
        Target gone = pinned();
        server.close();

        FirewallException e = assertThrows(FirewallException.class,
                () -> HttpsDevice.open(gone).send(DeviceRequest.get("/")));
        assertEquals(Failure.UNREACHABLE, e.failure());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void requestsShowNeitherQueryNorHeadersNorBody() {
        DeviceRequest request = DeviceRequest.form("/api/?key=" + KEY, Map.of("password", KEY)).header("X-API-Key", KEY);

        assertEquals("POST /api/", request.toString());
    }
}
