package io.yagura.api.plugin;

import io.yagura.api.event.RawEnvelope;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns one raw line into normalized events. Plain Java, unit-testable without OSGi.
 * Implementations must be thread-safe (one instance serves concurrent consumers) and must
 * never throw for bad input: return {@link ParseResult.Rejected} with the reason instead.
 *
 * <p>The platform stamps every event afterwards with where its line came from (customer.id,
 * device.id, event.ingested, event.original, yagura.plugin...); a parser sets what the line says.
 */
@ConsumerType
@FunctionalInterface
public interface LogParser {

    ParseResult parse(RawEnvelope envelope, ParseContext context);

    /** Parses with {@link ParseContext#DEFAULT}: UTC clock, version unknown. */
    default ParseResult parse(RawEnvelope envelope) {
        return parse(envelope, ParseContext.DEFAULT);
    }
}
