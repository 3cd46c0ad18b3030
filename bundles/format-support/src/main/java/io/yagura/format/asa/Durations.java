package io.yagura.format.asa;

/**
 * The ASA engine's own number forms: durations as ASA prints them. Addresses, ports, protocols and
 * plain numbers are read with {@code io.yagura.format.net} ({@code Addresses}, {@code Ports},
 * {@code Transports}, {@code Numbers}), like every other plugin does. Side-effect free, never throws.
 */
final class Durations {

    private Durations() {
    }

    /**
     * ASA durations in nanoseconds (ECS event.duration): "0:00:32", "1:00:04" (h:mm:ss, also m:ss)
     * and the VPN form "12d 9h:11m:22s" / "0h:32m:16s". Null when unreadable.
     */
    static Long nanos(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        while (s.endsWith(".") || s.endsWith(",")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 32) {
            return null;
        }
        long seconds = 0;
        boolean unitForm = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'd' || c == 'h' || c == 'm' || c == 's') {
                unitForm = true;
                break;
            }
        }
        if (unitForm) {
            int i = 0;
            while (i < s.length()) {
                int start = i;
                long v = 0;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    v = v * 10 + (s.charAt(i) - '0');
                    i++;
                }
                if (i == start) {
                    char sep = s.charAt(i);
                    if (sep != ':' && sep != ' ') {
                        return null;
                    }
                    i++;
                    continue;
                }
                if (i == s.length() || i - start > 9) {
                    return null;
                }
                long unit = switch (s.charAt(i)) {
                    case 'd' -> 86_400;
                    case 'h' -> 3_600;
                    case 'm' -> 60;
                    case 's' -> 1;
                    default -> -1;
                };
                if (unit < 0) {
                    return null;
                }
                seconds += v * unit;
                i++;
            }
        } else {
            int parts = 0;
            int i = 0;
            while (i <= s.length()) {
                int start = i;
                long v = 0;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    v = v * 10 + (s.charAt(i) - '0');
                    i++;
                }
                if (i == start || i - start > 6 || (i < s.length() && s.charAt(i) != ':')) {
                    return null;
                }
                seconds = seconds * 60 + v;
                parts++;
                i++;
            }
            if (parts < 2 || parts > 3) {
                return null;
            }
        }
        return seconds * 1_000_000_000L;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
