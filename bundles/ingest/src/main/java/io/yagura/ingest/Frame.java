package io.yagura.ingest;

/**
 * One log line cut out of a stream or datagram.
 *
 * @param bytes     the line without its framing (at most the configured maximum)
 * @param truncated true when the sender's line was longer than the maximum and was cut
 */
public record Frame(byte[] bytes, boolean truncated) {
}
