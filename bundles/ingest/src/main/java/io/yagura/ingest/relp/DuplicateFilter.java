package io.yagura.ingest.relp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers, per source, the ids of the last lines stored, and decides which lines of a
 * window were stored before (RELP resends unacknowledged frames after a reconnect). Commits
 * of one source are serialised under its lock, so a window resent on a new connection is
 * filtered only after the old connection's commit has ended. The memory of a source is
 * (re)loaded from the store when it is first used, and after a commit whose outcome is
 * unknown (the broker went away while committing: the lines may be stored or not).
 */
final class DuplicateFilter {

    /**
     * Sources whose ids are kept in memory, the most recently active ones: a source beyond
     * them is forgotten and re-read from the store when it sends again, so that many
     * sending addresses cannot fill the heap.
     */
    static final int MAX_SOURCES = 256;

    private final int idsPerSource;
    private final Map<String, SourceIds> sources = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SourceIds> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    DuplicateFilter(int idsPerSource) {
        this.idsPerSource = idsPerSource;
    }

    /** What a window leaves after filtering: the new lines' indexes and the duplicates' count. */
    record Filtered(List<Integer> fresh, List<String> freshIds, int duplicates) {
    }

    /** Runs {@code commit} for the fresh lines of a window under the source's lock. */
    Filtered commit(String source, List<String> ids, DurableLines store, WindowCommit commit) throws Exception {
        SourceIds state;
        synchronized (sources) {
            state = sources.computeIfAbsent(source, s -> new SourceIds(new RecentIds(idsPerSource)));
        }
        synchronized (state) {
            if (state.stale) {
                state.ids.addAll(store.storedIds(source));
                state.stale = false;
            }
            List<Integer> fresh = new ArrayList<>(ids.size());
            List<String> freshIds = new ArrayList<>(ids.size());
            Set<String> inWindow = new HashSet<>();
            int duplicates = 0;
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (id != null && (state.ids.contains(id) || !inWindow.add(id))) {
                    duplicates++;
                    continue;
                }
                fresh.add(i);
                if (id != null) {
                    freshIds.add(id);
                }
            }
            RecentIds after = state.ids.copy();
            after.addAll(freshIds);
            try {
                commit.run(fresh, freshIds, after.tail());
            } catch (Exception e) {
                state.stale = true; // stored or not: ask the store before the next window
                throw e;
            }
            state.ids.addAll(freshIds);
            return new Filtered(fresh, freshIds, duplicates);
        }
    }

    /** The store call made under the source's lock. */
    interface WindowCommit {
        void run(List<Integer> freshIndexes, List<String> freshIds, List<String> idTail) throws Exception;
    }

    private static final class SourceIds {
        final RecentIds ids;
        boolean stale = true;

        SourceIds(RecentIds ids) {
            this.ids = ids;
        }
    }
}
