package io.yagura.api.archive;

import io.yagura.api.event.SecurityEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every normalized event the platform produced in the last days (as configured), in the order
 * the archive received them. An event's archive time is when Yagura received its line
 * ({@code event.ingested}): device clocks may be wrong, the platform's is the one every event has.
 * Implementations are safe for concurrent use; a damaged file is skipped with a warning naming it,
 * never an exception.
 */
@ProviderType
public interface EventArchive {

    /** The broker queue the archive consumes: a copy of every batch sent to {@code yagura.events}. */
    String QUEUE = "yagura.archive";

    /**
     * Events matching {@code query}, oldest first, at most {@code limit} of them.
     *
     * @throws IllegalArgumentException when the query's address is neither an IP address nor a CIDR network,
     *                                  or the limit is below 1
     */
    ArchiveSearch search(ArchiveQuery query, int limit);

    /**
     * Hands every archived event received in [{@code from}, {@code to}) to {@code consumer}, hour by hour,
     * each customer's events in the order they were archived (what correlation saw).
     *
     * @param customerId one customer's events, or empty for every customer's (and unregistered sources')
     * @return how many events were handed over
     */
    long replay(Optional<String> customerId, Instant from, Instant to, Consumer<SecurityEvent> consumer);
}
