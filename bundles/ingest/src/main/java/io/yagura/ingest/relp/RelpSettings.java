package io.yagura.ingest.relp;

/**
 * The listener's settings (see {@link RelpConfig} for their meaning), as a value that
 * tests can build without OSGi.
 */
public record RelpSettings(String bindAddress, int port, int maxFrameBytes, int commitLines, int commitDelayMs,
                           int maxPendingFrames, int idsPerSource, int workerThreads) {

    public RelpSettings {
        require(port >= 0 && port <= 65535, "port must be 0..65535, not " + port);
        require(maxFrameBytes >= 1024, "max.frame.bytes must be at least 1024, not " + maxFrameBytes);
        require(commitLines >= 1, "commit.lines must be at least 1, not " + commitLines);
        require(commitDelayMs >= 0, "commit.delay.ms must not be negative");
        require(maxPendingFrames >= commitLines, "max.pending.frames must be at least commit.lines");
        require(idsPerSource >= 1, "duplicate.ids must be at least 1");
        require(workerThreads >= 1, "worker.threads must be at least 1");
    }

    static RelpSettings of(RelpConfig config) {
        return new RelpSettings(config.bind_address(), config.port(), config.max_frame_bytes(), config.commit_lines(),
                config.commit_delay_ms(), config.max_pending_frames(), config.duplicate_ids(), config.worker_threads());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("RELP listener (etc/io.yagura.ingest.relp.cfg): " + message);
        }
    }
}
