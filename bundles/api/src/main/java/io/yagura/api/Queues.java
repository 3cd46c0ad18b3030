package io.yagura.api;

/** Names of the broker queues that connect Yagura's bundles. */
public final class Queues {

    /** Prefix of the per-vendor raw queues: {@code yagura.raw.<vendorId>}. */
    public static final String RAW_PREFIX = "yagura.raw.";
    /** Lines from sources nobody registered and no plugin recognised. */
    public static final String RAW_UNKNOWN = RAW_PREFIX + "unknown";
    /** Normalized events, batched, consumed by correlation. */
    public static final String EVENTS = "yagura.events";
    /** Lines or messages that could not be processed, each with its reason. */
    public static final String DEAD_LETTER = "yagura.deadletter";

    /**
     * Multicast address on which every incident change is announced (body: the incident id;
     * properties yaguraIncident, yaguraChange, yaguraLevel, yaguraCustomer). Each consumer
     * reads its own queue on it, e.g. {@link #INCIDENTS_FOR_NOTIFY}.
     */
    public static final String INCIDENTS = "yagura.incidents";
    /** The notification dispatcher's queue on {@link #INCIDENTS}. */
    public static final String INCIDENTS_FOR_NOTIFY = "yagura.incidents.notify";
    /** The emergency-response bundle's queue on {@link #INCIDENTS} (automatic blocks). */
    public static final String INCIDENTS_FOR_RESPONSE = "yagura.incidents.response";
    /** Prefix of the per-channel queues: yagura.notify.mail, .phone, .portal (body: notification id). */
    public static final String NOTIFY_PREFIX = "yagura.notify.";

    private Queues() {
    }

    public static String rawQueueOf(String vendorId) {
        return RAW_PREFIX + vendorId;
    }
}
