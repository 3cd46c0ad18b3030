package io.yagura.ingest.relp;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ids of the last lines accepted from one source, oldest first, at most
 * {@code capacity}. RELP resends at most a window of unacknowledged frames, so a tail
 * of a few windows is enough to recognise every resent line. Not thread-safe: the
 * listener uses it under the source's lock.
 */
final class RecentIds {

    private final int capacity;
    private final Deque<String> order = new ArrayDeque<>();
    private final Set<String> members = new HashSet<>();

    RecentIds(int capacity) {
        this.capacity = capacity;
    }

    boolean contains(String id) {
        return members.contains(id);
    }

    void addAll(Collection<String> ids) {
        for (String id : ids) {
            if (!members.add(id)) {
                continue;
            }
            order.addLast(id);
            if (order.size() > capacity) {
                members.remove(order.removeFirst());
            }
        }
    }

    RecentIds copy() {
        RecentIds copy = new RecentIds(capacity);
        copy.addAll(order);
        return copy;
    }

    List<String> tail() {
        return List.copyOf(order);
    }

    int size() {
        return order.size();
    }
}
