package io.yagura.correlation.engine;

import io.yagura.api.event.SecurityEvent;
import java.time.Instant;
import java.util.List;

/** Web events as the WAF, IDS and firewall plugins normalize them, for the web evidence tests. */
final class WebTraffic {

    static final String ATTACKER = "203.0.113.141";
    static final String SERVER = "198.51.100.86";
    static final Instant START = Instant.parse("2026-03-12T10:00:00Z");

    private WebTraffic() {
    }

    static String at(long second) {
        return START.plusSeconds(second).toString();
    }

    /** A WAF alert let through (detection only) on a request answered with {@code status}. */
    static SecurityEvent alert(String src, String url, String category, long status, long second) {
        return new SecurityEvent().set("@timestamp", at(second)).set("customer.id", "acme").set("event.kind", "alert")
                .set("event.category", List.of("intrusion_detection", "web")).set("event.action", "alert")
                .set("event.outcome", "success").set("source.ip", src).set("destination.ip", SERVER)
                .set("destination.port", 443L).set("rule.id", "942130").set("rule.name", "OWASP CRS " + category)
                .set("rule.category", category).set("url.original", url).set("http.response.status_code", status)
                .set("log.level", "critical");
    }

    /** An HTTP log record (Suricata http EVE) of a request from {@code src} answered with a body. */
    static SecurityEvent request(String src, String url, long status, long bodyBytes, long second) {
        return new SecurityEvent().set("@timestamp", at(second)).set("customer.id", "acme").set("event.kind", "event")
                .set("event.category", List.of("web")).set("event.action", "allowed").set("source.ip", src)
                .set("destination.ip", SERVER).set("destination.port", 80L).set("url.original", url)
                .set("http.response.status_code", status).set("http.response.body.bytes", bodyBytes);
    }

    /** A firewall session end record: who opened it, bytes each way, how long it lasted. */
    static SecurityEvent session(String src, String dst, long sent, long received, long durationMillis, long second) {
        return new SecurityEvent().set("@timestamp", at(second)).set("customer.id", "acme").set("event.kind", "event")
                .set("event.category", List.of("network")).set("event.action", "allowed").set("source.ip", src)
                .set("destination.ip", dst).set("destination.port", 443L).set("source.bytes", sent)
                .set("destination.bytes", received).set("event.duration", durationMillis * 1_000_000L);
    }
}
