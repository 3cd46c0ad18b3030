package io.yagura.api.metrics;

/** Names used with {@link Counters}, so that producers and the console agree. */
public final class Metric {
    public static final String SCOPE_LISTENER = "listener";
    public static final String SCOPE_PLUGIN = "plugin";
    public static final String SCOPE_INGEST = "ingest";

    public static final String RECEIVED = "received";
    public static final String PARSED = "parsed";
    public static final String EVENTS = "events";
    public static final String IGNORED = "ignored";
    public static final String REJECTED = "rejected";
    public static final String AUTO_DETECTED = "auto-detected";
    public static final String UNKNOWN_SOURCE = "unknown-source";
    public static final String OVERSIZED = "oversized";
    public static final String ROUTED = "routed";
    public static final String FAILED = "failed";

    private Metric() {
    }
}
