package io.yagura.response;

import java.util.Locale;

/** How a customer wants attackers blocked; stored per customer ({@link ResponseSettings}). */
public enum ResponsePolicy {
    /** never block: every request is refused */
    OFF,
    /** every automatic block waits for an analyst (the default) */
    APPROVAL,
    /** automatic blocks on Emergency incidents are placed at once; Critical ones still wait for an analyst */
    AUTO_EMERGENCY;

    public static final ResponsePolicy DEFAULT = APPROVAL;

    /** Reads "off", "approval", "auto-emergency" (any case, '-' or '_'). */
    public static ResponsePolicy parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ResponsePolicy p : values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown response policy '" + text + "' (off, approval, auto-emergency)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
