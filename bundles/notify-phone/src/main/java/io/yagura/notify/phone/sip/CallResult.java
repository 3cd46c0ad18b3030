package io.yagura.notify.phone.sip;

import java.time.Instant;

/**
 * What one call did: the proof of delivery of a phone notice.
 *
 * @param number        the number called
 * @param at            when the INVITE was sent
 * @param status        the SIP final status (200, 486, 603…), 408 when it rang out and was cancelled,
 *                      0 when nothing answered at all
 * @param answer        the SIP answer as text, e.g. "200 OK", "486 Busy Here", "no answer within 30 s (CANCEL sent)"
 * @param audioSeconds  seconds of audio played to the callee
 * @param digits        digits the callee pressed, in order ("" for none)
 * @param acknowledged  true when the acknowledgement digit was pressed
 */
public record CallResult(String number, Instant at, int status, String answer, double audioSeconds, String digits,
                         boolean acknowledged) {

    public boolean answered() {
        return status >= 200 && status < 300;
    }
}
