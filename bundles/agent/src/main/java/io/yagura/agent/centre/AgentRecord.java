package io.yagura.agent.centre;

import java.time.Instant;

/**
 * One agent as the centre knows it. The enrolment token is kept only as its SHA-256 hash and
 * is cleared when used; {@code certificate} is the fingerprint of the one client certificate
 * the centre accepts from this agent (a re-enrolment replaces it, a revocation refuses it).
 */
public record AgentRecord(String name, String customer, State state, String tokenHash, Instant tokenExpires,
                          String certificate, Instant enrolledAt, Instant revokedAt) {

    public enum State {
        /** Token issued, not yet used. */
        PENDING,
        /** Holds a certificate the centre accepts. */
        ENROLLED,
        /** Refused from now on. */
        REVOKED
    }

    AgentRecord enrolled(String fingerprint, Instant at) {
        return new AgentRecord(name, customer, State.ENROLLED, null, null, fingerprint, at, null);
    }

    AgentRecord revoked(Instant at) {
        return new AgentRecord(name, customer, State.REVOKED, null, null, certificate, enrolledAt, at);
    }
}
