package io.yagura.agent.enrol;

/**
 * The enrolment exchange: one JSON line each way over TLS. The agent sends its name, the
 * one-time token and the public key it generated (its private key never leaves it); the
 * centre answers with the client certificate it signed and the CA certificate, or an error.
 */
public final class Enrolment {

    private Enrolment() {
    }

    /** Longest request or reply line read, so a stranger cannot make either side buffer without end. */
    public static final int MAX_LINE = 16 * 1024;

    public record Request(String name, String token, String publicKey) {
    }

    /** {@code certificate} and {@code ca} are base64 DER; {@code error} is set instead when refused. */
    public record Reply(String certificate, String ca, String error) {

        public static Reply refused(String why) {
            return new Reply(null, null, why);
        }
    }

    /** What the centre does with a request (implemented by the centre's agent service). */
    @FunctionalInterface
    public interface Handler {
        Reply enrol(Request request, String peer);
    }
}
