package io.yagura.agent.centre;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.yagura.agent.pki.AgentNames;
import io.yagura.agent.pki.KeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agents the centre has admitted, kept in one JSON file beside the agent CA (so the CA and
 * the list of who holds its certificates are backed up together). Few agents, rare changes:
 * every change rewrites the file atomically.
 */
public final class AgentRegistry {

    /** What {@link #issueToken} hands the operator once. */
    public record Token(String value, Instant expires) {
    }

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, AgentRecord> agents = new TreeMap<>();
    private final SecureRandom random = new SecureRandom();

    public AgentRegistry(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        if (Files.exists(file)) {
            List<Stored> stored = json.readValue(file.toFile(), new TypeReference<List<Stored>>() { });
            stored.forEach(s -> agents.put(s.name(), s.record()));
        }
    }

    /**
     * A one-time token for agent {@code name} of {@code customer}; it replaces any earlier unused
     * one. An enrolled agent may be given a new token (a reinstalled host): its old certificate
     * stays valid until the new one is issued.
     */
    public synchronized Token issueToken(String name, String customer, Duration ttl) throws IOException {
        AgentNames.checked(name);
        AgentNames.checked(customer);
        AgentRecord old = agents.get(name);
        if (old != null && !old.customer().equals(customer)) {
            throw new IllegalArgumentException("agent " + name + " belongs to customer " + old.customer()
                    + "; revoke it and choose another name to move it");
        }
        if (old != null && old.state() == AgentRecord.State.REVOKED) {
            throw new IllegalArgumentException("agent " + name + " was revoked on " + old.revokedAt()
                    + "; enrol the host under a new name");
        }
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant expires = clock.instant().plus(ttl);
        AgentRecord.State state = old != null && old.state() == AgentRecord.State.ENROLLED
                ? AgentRecord.State.ENROLLED : AgentRecord.State.PENDING;
        agents.put(name, new AgentRecord(name, customer, state, hash(token), expires,
                old == null ? null : old.certificate(), old == null ? null : old.enrolledAt(), null));
        save();
        return new Token(token, expires);
    }

    /**
     * Uses agent {@code name}'s token: true once, when it matches and has not expired. Nothing
     * tells a caller which of name or token was wrong.
     */
    public synchronized Optional<AgentRecord> redeem(String name, String token) {
        AgentRecord a = agents.get(name);
        if (a == null || a.tokenHash() == null || token == null || a.state() == AgentRecord.State.REVOKED) {
            return Optional.empty();
        }
        boolean matches = MessageDigest.isEqual(a.tokenHash().getBytes(StandardCharsets.US_ASCII),
                hash(token).getBytes(StandardCharsets.US_ASCII));
        if (!matches || clock.instant().isAfter(a.tokenExpires())) {
            return Optional.empty();
        }
        return Optional.of(a);
    }

    /** Records the certificate issued for a redeemed token and forgets the token. */
    public synchronized AgentRecord enrolled(String name, String fingerprint) throws IOException {
        AgentRecord a = agents.get(name).enrolled(fingerprint, clock.instant());
        agents.put(name, a);
        save();
        return a;
    }

    /** @return false when there is no such agent */
    public synchronized boolean revoke(String name) throws IOException {
        AgentRecord a = agents.get(name);
        if (a == null) {
            return false;
        }
        agents.put(name, a.revoked(clock.instant()));
        save();
        return true;
    }

    public synchronized Optional<AgentRecord> agent(String name) {
        return Optional.ofNullable(agents.get(name));
    }

    public synchronized List<AgentRecord> agents() {
        return new ArrayList<>(agents.values());
    }

    /** Records a renewed certificate: the agent's current one stays accepted until the new one is used. */
    public synchronized AgentRecord renewed(String name, String fingerprint) throws IOException {
        AgentRecord a = agents.get(name).renewed(fingerprint);
        agents.put(name, a);
        save();
        return a;
    }

    /**
     * True when {@code fingerprint} is the certificate of an enrolled (not revoked) agent {@code name},
     * or the one it held before a renewal it has not used yet. The first use of a renewed certificate
     * retires the previous one.
     */
    public synchronized boolean accepts(String name, String fingerprint) {
        AgentRecord a = agents.get(name);
        if (a == null || a.state() != AgentRecord.State.ENROLLED) {
            return false;
        }
        if (fingerprint.equals(a.certificate())) {
            if (a.previousCertificate() != null) {
                agents.put(name, a.previousForgotten());
                try {
                    save();
                } catch (IOException e) {
                    // kept in memory; the file keeps the previous certificate until the next change
                    org.slf4j.LoggerFactory.getLogger(AgentRegistry.class).warn(
                            "Agent registry {}: could not record that agent {} uses its renewed certificate: {}",
                            file, name, e.toString());
                }
            }
            return true;
        }
        return fingerprint.equals(a.previousCertificate());
    }

    private void save() throws IOException {
        List<Stored> stored = agents.values().stream().map(Stored::of).toList();
        KeyFiles.writePrivate(file, json.writeValueAsBytes(stored));
    }

    /** The file's form of a record: times as ISO-8601 text (no Jackson time module needed). */
    record Stored(String name, String customer, AgentRecord.State state, String tokenHash, String tokenExpires,
                  String certificate, String enrolledAt, String revokedAt, String previousCertificate) {

        static Stored of(AgentRecord a) {
            return new Stored(a.name(), a.customer(), a.state(), a.tokenHash(), text(a.tokenExpires()),
                    a.certificate(), text(a.enrolledAt()), text(a.revokedAt()), a.previousCertificate());
        }

        AgentRecord record() {
            return new AgentRecord(name, customer, state, tokenHash, time(tokenExpires), certificate,
                    time(enrolledAt), time(revokedAt), previousCertificate);
        }

        private static String text(Instant t) {
            return t == null ? null : t.toString();
        }

        private static Instant time(String t) {
            return t == null ? null : Instant.parse(t);
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
