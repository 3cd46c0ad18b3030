package io.yagura.api.event;

import java.time.Instant;

/** Fields every plugin copies from the envelope into its events, in one place. */
public final class Envelopes {

    private Envelopes() {
    }

    /**
     * Stamps an event with where its line came from and who parsed it: customer.id,
     * device.id, yagura.received_from, yagura.listener, event.ingested, event.original,
     * yagura.plugin.
     */
    public static SecurityEvent stamp(SecurityEvent event, RawEnvelope envelope, String pluginId) {
        return event.set(Ecs.CUSTOMER_ID, envelope.customerId())
                .set(Ecs.DEVICE_ID, envelope.deviceId())
                .set(Ecs.YAGURA_RECEIVED_FROM, envelope.source())
                .set(Ecs.YAGURA_LISTENER, envelope.listener())
                .set(Ecs.EVENT_INGESTED, Instant.ofEpochMilli(envelope.receivedAt()).toString())
                .set(Ecs.EVENT_ORIGINAL, envelope.raw())
                .set(Ecs.YAGURA_PLUGIN, pluginId);
    }
}
