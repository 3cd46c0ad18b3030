package io.yagura.api.response;

/** Life of a block; the terminal states are {@link #REFUSED}, {@link #FAILED}, {@link #REMOVED} and {@link #EXPIRED}. */
public enum BlockState {
    /** requested, waiting for an analyst's approval (the default policy) */
    PENDING_APPROVAL,
    /** approved (or automatic); the driver is placing it */
    PLACING,
    /** placed and verified on the device */
    ACTIVE,
    /** the platform is removing it (expiry or unblock) */
    REMOVING,
    /** refused before any device was touched: safelisted, cap reached, spoofable evidence, policy off, rejected by an analyst */
    REFUSED,
    /** the device did not take it (rolled back), or removal failed: see the audit trail */
    FAILED,
    /** removed by an analyst */
    REMOVED,
    /** removed at its expiry */
    EXPIRED;

    public boolean terminal() {
        return this == REFUSED || this == FAILED || this == REMOVED || this == EXPIRED;
    }
}
