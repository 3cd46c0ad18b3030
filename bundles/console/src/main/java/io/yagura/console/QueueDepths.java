package io.yagura.console;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Queue depths read from the embedded Artemis broker's MBeans. With an external broker
 * the MBeans are not in this JVM and depths show as unknown (read them with the broker's
 * own console or `artemis queue stat`).
 */
final class QueueDepths {

    private QueueDepths() {
    }

    /** @return message count of the queue, or -1 when it cannot be read here */
    static long depth(String queue) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName pattern = new ObjectName("org.apache.activemq.artemis:broker=*,component=addresses,address=\""
                    + queue + "\",subcomponent=queues,routing-type=\"anycast\",queue=\"" + queue + "\"");
            Set<ObjectName> names = server.queryNames(pattern, null);
            if (names.isEmpty()) {
                return -1;
            }
            Object count = server.getAttribute(names.iterator().next(), "MessageCount");
            return count instanceof Number n ? n.longValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Names of the yagura.raw.* queues the embedded broker has. */
    static java.util.List<String> rawQueues() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName pattern = new ObjectName("org.apache.activemq.artemis:broker=*,component=addresses,address=*,"
                    + "subcomponent=queues,routing-type=\"anycast\",queue=*");
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            for (ObjectName n : server.queryNames(pattern, null)) {
                String q = ObjectName.unquote(n.getKeyProperty("queue"));
                if (q.startsWith(io.yagura.api.Queues.RAW_PREFIX)) {
                    names.add(q);
                }
            }
            return new java.util.ArrayList<>(names);
        } catch (Exception e) {
            return java.util.List.of();
        }
    }

    static String text(long depth) {
        return depth < 0 ? "?" : Long.toString(depth);
    }
}
