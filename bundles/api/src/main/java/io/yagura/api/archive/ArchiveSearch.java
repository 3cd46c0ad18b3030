package io.yagura.api.archive;

import io.yagura.api.event.SecurityEvent;
import java.util.List;

/**
 * The answer to {@link EventArchive#search}.
 *
 * @param events       matching events, oldest first
 * @param more         true when more events matched than the limit allowed
 * @param filesRead    how many archive files were read
 * @param damagedFiles files that could not be read to their end (corrupt or cut short): their events
 *                     before the damage are included, the rest is missing
 */
public record ArchiveSearch(List<SecurityEvent> events, boolean more, int filesRead, List<String> damagedFiles) {

    public ArchiveSearch {
        events = List.copyOf(events);
        damagedFiles = List.copyOf(damagedFiles);
    }
}
