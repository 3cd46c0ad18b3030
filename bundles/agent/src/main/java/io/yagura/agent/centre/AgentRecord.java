package io.yagura.agent.centre;

import java.time.Instant;

/**
 * One agent as the centre knows it. The enrolment token is kept only as its SHA-256 hash and
 * is cleared when used; {@code certificate} is the fingerprint of the client certificate the
 * centre accepts from this agent (a re-enrolment replaces it, a revocation refuses it). After a
 * renewal, {@code previousCertificate} is accepted too until the agent first presents the new
 * one: a renewal whose answer never reached the agent does not lock it out.
 */
public record AgentRecord(String name, String customer, State state, String tokenHash, Instant tokenExpires,
                          String certificate, Instant enrolledAt, Instant revokedAt, String previousCertificate) {

    public AgentRecord(String name, String customer, State state, String tokenHash, Instant tokenExpires,
                       String certificate, Instant enrolledAt, Instant revokedAt) {
        this(name, customer, state, tokenHash, tokenExpires, certificate, enrolledAt, revokedAt, null);
    }

    public enum State {
        /** Token issued, not yet used. */
        PENDING,
        /** Holds a certificate the centre accepts. */
        ENROLLED,
        /** Refused from now on. */
        REVOKED
    }

    AgentRecord enrolled(String fingerprint, Instant at) {
        return new AgentRecord(name, customer, State.ENROLLED, null, null, fingerprint, at, null, null);
    }

    /** A new certificate for the same agent; the one it holds now stays accepted until it uses the new one. */
    AgentRecord renewed(String fingerprint) {
        return new AgentRecord(name, customer, state, tokenHash, tokenExpires, fingerprint, enrolledAt, revokedAt,
                certificate);
    }

    AgentRecord previousForgotten() {
        return new AgentRecord(name, customer, state, tokenHash, tokenExpires, certificate, enrolledAt, revokedAt, null);
    }

    AgentRecord revoked(Instant at) {
        return new AgentRecord(name, customer, State.REVOKED, null, null, certificate, enrolledAt, at, null);
    }
}
