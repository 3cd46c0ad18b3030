package io.yagura.agent.node;

import java.util.concurrent.atomic.LongAdder;
import org.apache.activemq.artemis.core.paging.PagingStore;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches how full the agent's disk buffer is: the forwarded queue's size against the limit
 * its address settings give it ({@code page-limit-bytes}, past which the broker refuses new
 * lines). At the alarm level it logs ERROR once and counts an alarm; below it again, INFO.
 * The fill level is published as a counter holding the current percentage.
 */
public final class BufferWatch {

    private static final Logger LOG = LoggerFactory.getLogger(BufferWatch.class);

    /** @param percent the buffer's fill level now (set to, not added to) */
    public record Gauges(LongAdder percent, LongAdder alarms, LongAdder bytes) {
    }

    private final ActiveMQServer broker;
    private final String queue;
    private final int alarmPercent;
    private final Gauges gauges;
    private boolean alarmed;

    public BufferWatch(ActiveMQServer broker, String queue, int alarmPercent, Gauges gauges) {
        this.broker = broker;
        this.queue = queue;
        this.alarmPercent = alarmPercent;
        this.gauges = gauges;
    }

    /** Reads the fill level and raises or clears the alarm; @return the level in percent. */
    public synchronized int check() {
        Queue q = broker.locateQueue(queue);
        if (q == null) {
            return 0;
        }
        PagingStore store = q.getPagingStore();
        long used = q.getPersistentSize();
        Long limit = store == null ? null : store.getPageLimitBytes();
        long capacity = limit != null && limit > 0 ? limit : 0;
        int percent = capacity == 0 ? 0 : (int) Math.min(100, used * 100 / capacity);
        set(gauges.percent(), percent);
        set(gauges.bytes(), used);
        if (capacity > 0 && percent >= alarmPercent && !alarmed) {
            alarmed = true;
            gauges.alarms().increment();
            LOG.error("Agent buffer {}% full ({} of {} bytes, {} messages waiting for the centre): when full, "
                    + "new lines are refused", percent, used, capacity, q.getMessageCount());
        } else if (alarmed && percent < alarmPercent) {
            alarmed = false;
            LOG.info("Agent buffer back to {}% ({} messages waiting)", percent, q.getMessageCount());
        }
        return percent;
    }

    /** Messages (batches of lines) waiting in the buffer for the centre. */
    public long waiting() {
        Queue q = broker.locateQueue(queue);
        return q == null ? 0 : q.getMessageCount();
    }

    public synchronized boolean alarmed() {
        return alarmed;
    }

    private static void set(LongAdder gauge, long value) {
        gauge.add(value - gauge.sum());
    }
}
