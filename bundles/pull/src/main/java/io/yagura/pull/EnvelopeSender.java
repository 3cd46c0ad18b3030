package io.yagura.pull;

import io.yagura.api.event.RawEnvelope;
import java.util.List;

/** Puts records on a vendor's raw queue, durably, before returning. */
interface EnvelopeSender {

    /**
     * @param envelope    the record as ingest would have received it
     * @param duplicateId the broker's duplicate-detection id: the same record sent twice is queued once
     */
    record Item(RawEnvelope envelope, String duplicateId) {
    }

    /** Sends every item, in order; throws when any could not be queued (those sent stay queued). */
    void send(String queue, List<Item> items) throws Exception;
}
