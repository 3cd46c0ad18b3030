package io.yagura.notify.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the mail channel reaches its SMTP server and how long it keeps trying.
 *
 * <p>Retry schedule: the first attempt is made at once; after a temporary failure (server
 * down, timeout, 4xx answer) attempt {@code n+1} follows after {@code backoff[n-1]} (the last
 * delay repeats when {@code maxAttempts - 1} exceeds the list). The defaults, 6 attempts with
 * 2 s, 10 s, 30 s, 2 min, 5 min between them, keep trying for about 8 minutes.
 *
 * @param host                SMTP server
 * @param port                SMTP port (25, 587 submission with STARTTLS, 465 SMTPS)
 * @param security            transport security
 * @param username            login, or null/blank for no authentication
 * @param password            password; never logged, masked in {@link #toString()}
 * @param from                From address, e.g. {@code "Yagura SOC <soc@example.com>"}; also the envelope sender
 * @param replyTo             Reply-To address, or null/blank
 * @param connectTimeout      TCP connect timeout
 * @param readTimeout         timeout for each server answer (and each write)
 * @param maxAttempts         attempts per notice, first one included (at least 1)
 * @param backoff             delays between attempts (at least one when maxAttempts &gt; 1)
 * @param tlsTrust            hosts whose certificate is trusted without validation ("*" for all),
 *                            for relays with a self-signed certificate; null/blank: the JVM trust store
 * @param checkServerIdentity check that the server certificate names the host (STARTTLS, SMTPS)
 * @param tlsProtocols        TLS protocols offered, space separated
 */
public record MailSettings(String host, int port, Security security, String username, String password,
                           String from, String replyTo, Duration connectTimeout, Duration readTimeout,
                           int maxAttempts, List<Duration> backoff, String tlsTrust, boolean checkServerIdentity,
                           String tlsProtocols) {

    /** Transport security towards the SMTP server. */
    public enum Security {
        /** Plain SMTP, no TLS (only for a relay on the same host or a trusted network). */
        NONE,
        /** SMTP upgraded with STARTTLS; a server that does not offer it is refused (nothing sent in clear). */
        STARTTLS,
        /** SMTP over TLS from the first byte (port 465). */
        SMTPS
    }

    public static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(5));
    public static final int DEFAULT_MAX_ATTEMPTS = 6;

    public MailSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("mail host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("mail port " + port + " is not in 1..65535");
        }
        Objects.requireNonNull(security, "security");
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("mail from address is empty");
        }
        username = username == null || username.isBlank() ? null : username.trim();
        password = password == null ? "" : password;
        replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.trim();
        connectTimeout = positive(connectTimeout, "connect timeout");
        readTimeout = positive(readTimeout, "read timeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry max attempts must be at least 1, not " + maxAttempts);
        }
        backoff = backoff == null ? List.of() : List.copyOf(backoff);
        if (maxAttempts > 1 && backoff.isEmpty()) {
            throw new IllegalArgumentException("retry backoff is empty but " + maxAttempts + " attempts are allowed");
        }
        for (Duration d : backoff) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative retry delay " + d);
            }
        }
        tlsTrust = tlsTrust == null || tlsTrust.isBlank() ? null : tlsTrust.trim();
        tlsProtocols = tlsProtocols == null || tlsProtocols.isBlank() ? "TLSv1.3 TLSv1.2" : tlsProtocols.trim();
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, not " + d);
        }
        return d;
    }

    /** True when the server asks for a login. */
    public boolean authenticate() {
        return username != null;
    }

    /**
     * Delay before attempt number {@code attempt} (2 for the first retry).
     */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1 || backoff.isEmpty()) {
            return Duration.ZERO;
        }
        return backoff.get(Math.min(attempt - 2, backoff.size() - 1));
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                + ", password=" + (password.isEmpty() ? "" : "********") + ", from=" + from + ", replyTo=" + replyTo
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", maxAttempts="
                + maxAttempts + ", backoff=" + backoff + ", tlsTrust=" + tlsTrust + ", checkServerIdentity="
                + checkServerIdentity + ", tlsProtocols=" + tlsProtocols + "]";
    }

    /**
     * Parses a delay list such as {@code "2s, 10s, 30s, 2m, 5m"}: numbers with the unit ms, s,
     * m or h, or ISO-8601 durations ({@code PT2S}), separated by commas or spaces.
     */
    public static List<Duration> parseDurations(String text) {
        List<Duration> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                out.add(parseDuration(part));
            }
        }
        return out;
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 500ms, 2s, 5m, 1h or PT2S)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults of {@link MailConfig}. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 587;
        private Security security = Security.STARTTLS;
        private String username;
        private String password;
        private String from = "yagura@localhost";
        private String replyTo;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private List<Duration> backoff = DEFAULT_BACKOFF;
        private String tlsTrust;
        private boolean checkServerIdentity = true;
        private String tlsProtocols;

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder security(Security v) { security = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder from(String v) { from = v; return this; }
        public Builder replyTo(String v) { replyTo = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        public Builder maxAttempts(int v) { maxAttempts = v; return this; }
        public Builder backoff(List<Duration> v) { backoff = v; return this; }
        public Builder backoff(Duration... v) { backoff = List.of(v); return this; }
        public Builder tlsTrust(String v) { tlsTrust = v; return this; }
        public Builder checkServerIdentity(boolean v) { checkServerIdentity = v; return this; }
        public Builder tlsProtocols(String v) { tlsProtocols = v; return this; }

        public MailSettings build() {
            return new MailSettings(host, port, security, username, password, from, replyTo, connectTimeout,
                    readTimeout, maxAttempts, backoff, tlsTrust, checkServerIdentity, tlsProtocols);
        }
    }
}
