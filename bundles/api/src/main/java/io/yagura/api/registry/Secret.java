package io.yagura.api.registry;

import java.util.Arrays;

/**
 * A device credential in memory. {@link #toString()} is masked, so a secret that reaches a log
 * line, an exception message or a console table shows as {@value #MASK}; only code that talks
 * to the device calls {@link #reveal()}.
 */
public final class Secret {

    public static final String MASK = "********";
    public static final Secret NONE = new Secret(new char[0]);

    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(char[] value) {
        return value == null || value.length == 0 ? NONE : new Secret(value.clone());
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value.toCharArray());
    }

    /** A copy of the clear value; the caller should overwrite it when done. */
    public char[] reveal() {
        return value.clone();
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return isEmpty() ? "" : MASK;
    }
}
