package io.yagura.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker message ids a consumer has recently processed, for consumers whose effect is not
 * part of their JMS transaction (the event archive writes a file, correlation changes its
 * in-memory windows). When the broker dies while such a consumer commits, the commit is in doubt:
 * the broker may not have applied it and delivers the message again, although its effect has
 * already happened; processed again, its events would be archived or counted twice. A message
 * whose id is remembered here is therefore skipped and only acknowledged.
 *
 * <p>The id (JMSMessageID) is set by the sender and kept by the broker across its restart, so a
 * redelivery carries the same id; the redelivered flag is not reliable after a broker restart
 * (Artemis does not persist the delivery count by default), so it is not consulted. Only this
 * process remembers: a consumer's own crash between its effect and its commit can still repeat
 * one message. A consumer whose effect is inside its transaction (a plugin route's sends) must
 * not use this: its rolled-back effect has to happen again. Thread-safe.
 */
public final class ProcessedMessages {

    /** The header in which Camel's JMS binding gives a received message's JMSMessageID. */
    public static final String MESSAGE_ID_HEADER = "JMSMessageID";

    private final Map<String, Boolean> recent;

    /** @param remembered how many ids are kept (the oldest are forgotten); at least one */
    public ProcessedMessages(int remembered) {
        int capacity = Math.max(1, remembered);
        recent = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when a message with this id was processed here already; false for a null id (never skipped). */
    public synchronized boolean seen(String messageId) {
        return messageId != null && recent.containsKey(messageId);
    }

    /** Remembers a message whose effect has happened (call it after the effect, before the commit). */
    public synchronized void processed(String messageId) {
        if (messageId != null) {
            recent.put(messageId, Boolean.TRUE);
        }
    }

    public synchronized int size() {
        return recent.size();
    }
}
