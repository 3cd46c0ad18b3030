package io.yagura.ingest.relp;

import io.yagura.ingest.LineDispatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A store that keeps committed lines in memory, shared by all connections like a broker.
 * {@link #failCommits} makes commits fail as a broker that went away would.
 */
final class MemoryLines implements DurableLines.Factory {

    final List<LineDispatcher.Routed> stored = new ArrayList<>();
    final Map<String, List<String>> idsBySource = new HashMap<>();
    int commits;
    volatile boolean failCommits;

    @Override
    public DurableLines open() {
        return new DurableLines() {
            @Override
            public void commit(List<LineDispatcher.Routed> lines, String source, List<String> newIds,
                               List<String> idTail) {
                synchronized (MemoryLines.this) {
                    if (failCommits) {
                        throw new IllegalStateException("broker gone");
                    }
                    stored.addAll(lines);
                    if (!newIds.isEmpty()) {
                        idsBySource.put(source, List.copyOf(idTail));
                    }
                    commits++;
                }
            }

            @Override
            public List<String> storedIds(String source) {
                synchronized (MemoryLines.this) {
                    return idsBySource.getOrDefault(source, List.of());
                }
            }

            @Override
            public void close() {
            }
        };
    }

    synchronized List<String> rawLines() {
        List<String> raw = new ArrayList<>();
        stored.forEach(r -> raw.add(r.envelope().raw()));
        return raw;
    }

    synchronized List<LineDispatcher.Routed> snapshot() {
        return new ArrayList<>(stored);
    }

    synchronized int commits() {
        return commits;
    }
}
