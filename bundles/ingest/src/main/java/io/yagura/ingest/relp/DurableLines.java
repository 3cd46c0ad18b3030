package io.yagura.ingest.relp;

import io.yagura.ingest.LineDispatcher;
import java.util.List;

/**
 * Where one RELP connection's lines go: a store that holds them durably once
 * {@link #commit} returns. Used by one thread at a time.
 */
public interface DurableLines extends AutoCloseable {

    /**
     * Stores the lines together with their ids (what a restarted listener needs to recognise
     * resent lines), all or nothing.
     *
     * @param newIds the ids of these lines
     * @param idTail the source's last ids including these, oldest first (for a store that
     *               keeps one summary per source instead of every id)
     * @throws Exception when the outcome is not known to be durable; nothing may be acknowledged then
     */
    void commit(List<LineDispatcher.Routed> lines, String source, List<String> newIds, List<String> idTail)
            throws Exception;

    /** The line ids last stored for a source, oldest first (empty if none). */
    List<String> storedIds(String source) throws Exception;

    @Override
    void close();

    /** Opens the store of one connection. */
    interface Factory {
        DurableLines open() throws Exception;
    }
}
