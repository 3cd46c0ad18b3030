package io.yagura.api.registry;

/**
 * How a customer wants to be told.
 *
 * @param criticalAutoSend  true: a Critical incident is mailed automatically at its deadline
 *                          if no analyst confirmed it before; false: only after confirmation
 * @param criticalMinutes   the Critical deadline in minutes after detection (0: the default, 15)
 * @param dailyDigest       true: Warning and Informational incidents in a daily mail digest
 * @param allClear          true: a closed harmless incident sends an all-clear notice
 */
public record NotificationPolicy(boolean criticalAutoSend, int criticalMinutes, boolean dailyDigest,
                                 boolean allClear) {
    public static final int DEFAULT_CRITICAL_MINUTES = 15;

    public NotificationPolicy {
        if (criticalMinutes == 0) {
            criticalMinutes = DEFAULT_CRITICAL_MINUTES;
        }
    }

    public static NotificationPolicy defaults() {
        return new NotificationPolicy(true, DEFAULT_CRITICAL_MINUTES, false, true);
    }
}
