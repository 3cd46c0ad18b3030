package io.yagura.api.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * The customer's acknowledgement of an incident, on whichever channel it came (a digit pressed
 * during a call, the portal's button, an analyst marking the customer reached). The first one
 * stops the escalation everywhere: channels ask {@link #find} before each further attempt.
 */
public interface Acknowledgements {

    /**
     * @param by      who: a phone number, a portal user, an analyst
     * @param channel "phone", "portal", "analyst", "mail"
     * @param detail  e.g. "digit 1 pressed during call to +81…", a comment
     */
    record Acknowledgement(String incidentId, String customerId, String by, String channel, String detail,
                           Instant at) {
    }

    /** Records an acknowledgement; when the incident was already acknowledged, returns the first one. */
    Acknowledgement acknowledge(String incidentId, String customerId, String by, String channel, String detail);

    /** The first acknowledgement of an incident, if any. */
    Optional<Acknowledgement> find(String incidentId);
}
