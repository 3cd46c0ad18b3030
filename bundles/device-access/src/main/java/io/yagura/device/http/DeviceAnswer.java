package io.yagura.device.http;

/**
 * A device's answer (any status but 401/403, which {@link HttpsDevice} turns into an
 * authentication failure).
 *
 * @param status the HTTP status
 * @param body   the body as UTF-8 text (bounded by {@link HttpsDevice#MAX_ANSWER_BYTES})
 */
public record DeviceAnswer(int status, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Never shows the body, which may carry a session id or a key. */
    @Override
    public String toString() {
        return "HTTP " + status + " (" + body.length() + " characters)";
    }
}
