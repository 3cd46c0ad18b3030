package io.yagura.ingest.relp;

/**
 * A frame that breaks the RELP grammar or a limit. The session answers {@code 500} with
 * the reason (to the frame's txnr when it could be read) and closes the connection.
 */
public final class RelpProtocolException extends RuntimeException {

    /** The txnr of the offending frame, or 0 when the header could not be read. */
    private final int txnr;

    public RelpProtocolException(int txnr, String reason) {
        super(reason, null, false, false);
        this.txnr = txnr;
    }

    public int txnr() {
        return txnr;
    }
}
