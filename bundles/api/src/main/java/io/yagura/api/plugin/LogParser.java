package io.yagura.api.plugin;

import io.yagura.api.event.RawEnvelope;

/**
 * Turns one raw line into normalized events. Plain Java, unit-testable without OSGi.
 * Implementations must be thread-safe (one instance serves concurrent consumers) and must
 * never throw for bad input: return {@link ParseResult.Rejected} with the reason instead.
 */
@FunctionalInterface
public interface LogParser {

    ParseResult parse(RawEnvelope envelope);
}
