package io.yagura.api.plugin;

import io.yagura.api.event.SecurityEvent;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a parser made of one line. Every line ends in exactly one of three outcomes, so
 * none is dropped silently:
 * <ul>
 *   <li>{@link Parsed}: one or more normalized events;</li>
 *   <li>{@link Ignored}: read and understood, but not security-relevant (housekeeping,
 *       statistics); counted, not forwarded, with the stated reason;</li>
 *   <li>{@link Rejected}: could not be read; goes to the dead-letter queue with the reason.</li>
 * </ul>
 */
@ProviderType
public sealed interface ParseResult {

    record Parsed(List<SecurityEvent> events) implements ParseResult {
        public Parsed {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("a Parsed result holds at least one event");
            }
        }
    }

    record Ignored(String reason) implements ParseResult {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Rejected(String reason) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static ParseResult parsed(SecurityEvent event) {
        return new Parsed(List.of(event));
    }

    static ParseResult ignored(String reason) {
        return new Ignored(reason);
    }

    static ParseResult rejected(String reason) {
        return new Rejected(reason);
    }
}
