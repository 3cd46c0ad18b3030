package io.yagura.correlation.house;

/** A house rule change that is refused, with the reason and what to do, in words for the operator. */
public final class HouseRuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HouseRuleException(String message) {
        super(message);
    }
}
