package io.yagura.ingest.relp;

/**
 * A frame that breaks the RELP grammar or a limit. The session answers {@code 500} with
 * the reason (to the frame's txnr when it could be read) and closes the connection.
 */
public final class RelpProtocolException extends RuntimeException {

    /** The txnr of the offending frame, or 0 when the header could not be read. */
    private final int txnr;
    /** The offending frame when its command and data could still be read, else null. */
    private final transient RelpFrame frame;

    public RelpProtocolException(int txnr, String reason) {
        this(txnr, reason, null);
    }

    public RelpProtocolException(int txnr, String reason, RelpFrame frame) {
        super(reason, null, false, false);
        this.txnr = txnr;
        this.frame = frame;
    }

    public int txnr() {
        return txnr;
    }

    /** The frame as far as it could be read (its line can then be dead-lettered), or null. */
    public RelpFrame frame() {
        return frame;
    }
}
