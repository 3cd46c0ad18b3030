package io.yagura.emulator.https;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.emulator.fortigate.FortiGateEmulator;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS side every emulated device shares, seen by the JDK's own client. */
class EmulatedHttpsServerTest {

    private static HttpClient trusting(Path store) throws Exception {
        KeyStore trust = KeyStore.getInstance(store.toFile(), (char[]) null);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    @Test
    void theCertificateMadeByKeytoolIsTheOneServedAndItsFingerprintIsExposed(@TempDir Path dir) throws Exception {
        try (FortiGateEmulator device = new FortiGateEmulator("token")) {
            Path store = device.writeTrustStore(dir.resolve("t.jks"));
            HttpResponse<String> answer = trusting(store).send(HttpRequest.newBuilder(device.endpoint()
                    .resolve("/api/v2/cmdb/firewall/address")).header("Authorization", "Bearer token").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, answer.statusCode());
            byte[] der = answer.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded();
            assertEquals("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(der)), device.fingerprint());
            assertEquals(1, device.credentialedRequests());
        }
    }

    @Test
    void aDropFaultAppliesTheRequestAndTheServerGoesAway(@TempDir Path dir) throws Exception {
        try (FortiGateEmulator device = new FortiGateEmulator("token")) {
            HttpClient client = trusting(device.writeTrustStore(dir.resolve("t.jks")));
            device.faults().dropAfter("POST /api/v2/cmdb/firewall/address");

            assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(device.endpoint()
                    .resolve("/api/v2/cmdb/firewall/address")).header("Authorization", "Bearer token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"subnet\":\"192.0.2.1/32\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
            assertEquals("192.0.2.1 255.255.255.255", device.addresses().get("x"), "applied before going away");
            assertFalse(device.listening());
        }
    }

    @Test
    void jsonIsReadAndWrittenBack() {
        String json = "{\"name\":\"a\\\"b\",\"n\":-5,\"ok\":true,\"none\":null,\"list\":[1.5,{\"k\":\"v\"}]}";

        Map<String, Object> read = JsonValues.object(json);
        assertEquals("a\"b", read.get("name"));
        assertEquals(-5L, read.get("n"));
        assertEquals(List.of(1.5, Map.of("k", "v")), read.get("list"));
        assertEquals(json, JsonValues.write(read));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonValues.read("{\"a\":}")).getMessage()
                .contains("offset"));
    }
}
