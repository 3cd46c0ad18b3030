package io.yagura.api.ingest;

import java.util.Map;

/**
 * Re-examines the lines waiting in {@code yagura.raw.unknown}: after an operator registered
 * their device, or installed the plugin that recognises them, they are routed on; the
 * others go back to wait.
 */
public interface UnknownLineReplay {

    /**
     * @param routedByQueue how many lines went to each queue (yagura.raw.unknown for those
     *                      still unknown)
     */
    record Result(long lines, Map<String, Long> routedByQueue) {
    }

    /** Replays what is waiting now (not lines arriving meanwhile). */
    Result replay() throws Exception;
}
