package io.yagura.api.houserule;

import java.util.Locale;

/**
 * Where a house rule stands: written ({@link #DRAFT}), proven by a replay ({@link #VALIDATED}),
 * live for chosen customers with its incidents held for an analyst ({@link #CANARY}), live for
 * everyone ({@link #ACTIVE}), or no longer loaded ({@link #RETIRED}).
 */
public enum HouseRuleState {
    DRAFT, VALIDATED, CANARY, ACTIVE, RETIRED;

    /** Whether the correlation engine loads a rule in this state. */
    public boolean live() {
        return this == CANARY || this == ACTIVE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a state as operators type it (any case). */
    public static HouseRuleState parse(String text) {
        for (HouseRuleState s : values()) {
            if (s.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown house rule state '" + text
                + "' (draft, validated, canary, active, retired)");
    }
}
