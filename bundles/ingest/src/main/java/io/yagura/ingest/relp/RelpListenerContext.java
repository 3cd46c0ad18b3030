package io.yagura.ingest.relp;

import io.yagura.ingest.LineDispatcher;
import java.util.concurrent.Executor;

/** What every connection of one listener shares. */
record RelpListenerContext(RelpSettings settings, String listenerName, LineDispatcher dispatcher,
                           DurableLines.Factory stores, DuplicateFilter duplicates, Executor committer,
                           RelpCounters counters) {
}
