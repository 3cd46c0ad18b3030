package io.yagura.ingest;

import io.yagura.api.Queues;
import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.RawEnvelope;
import io.yagura.wire.Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker message body for routed lines: lines bound for the same queue and customer
 * travel together, as envelopes (or dead letters for yagura.deadletter). Shared by the
 * syslog batching route and the RELP listener, so that plugins read one format.
 */
public final class WireBatch {

    private WireBatch() {
    }

    /** Groups lines by destination queue and customer, keeping their order. */
    public static Map<String, List<LineDispatcher.Routed>> byQueueAndCustomer(List<LineDispatcher.Routed> lines) {
        Map<String, List<LineDispatcher.Routed>> groups = new LinkedHashMap<>(4);
        for (LineDispatcher.Routed routed : lines) {
            groups.computeIfAbsent(keyOf(routed), k -> new ArrayList<>()).add(routed);
        }
        return groups;
    }

    public static String keyOf(LineDispatcher.Routed routed) {
        String customer = routed.envelope().customerId();
        return routed.queue() + '|' + (customer == null ? "" : customer);
    }

    /**
     * The broker messages carrying lines that all go to the same queue: one, unless the lines
     * outgrow {@link Wire#MAX_BATCH_BYTES} (long lines, escaped control characters).
     */
    public static List<Wire.Batch> bodies(List<LineDispatcher.Routed> sameQueue) {
        String queue = sameQueue.get(0).queue();
        if (Queues.DEAD_LETTER.equals(queue)) {
            List<DeadLetter> letters = new ArrayList<>(sameQueue.size());
            for (LineDispatcher.Routed r : sameQueue) {
                letters.add(r.deadLetter());
            }
            return Wire.deadLetterBatches(letters);
        }
        List<RawEnvelope> envelopes = new ArrayList<>(sameQueue.size());
        for (LineDispatcher.Routed r : sameQueue) {
            envelopes.add(r.envelope());
        }
        return Wire.envelopeBatches(envelopes);
    }
}
