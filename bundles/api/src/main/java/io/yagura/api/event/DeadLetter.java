package io.yagura.api.event;

/**
 * A line Yagura could not process, kept with the reason so an operator can act on it.
 *
 * @param stage    where it failed: "ingest", "parse", "route"
 * @param reason   human-readable reason, e.g. "no parser matched message id 999999"
 * @param plugin   plugin that rejected it, or null
 * @param envelope the line and its context
 */
public record DeadLetter(String stage, String reason, String plugin, RawEnvelope envelope) {
}
