package io.yagura.format.net;

/** Total number readers: text that is not a number gives null, never an exception. */
public final class Numbers {

    private Numbers() {
    }

    /** A signed number of at most 18 digits, else null. */
    public static Long number(String digits) {
        if (digits == null) {
            return null;
        }
        String d = digits.trim();
        if (d.startsWith("-") && d.length() > 1 && d.length() <= 19 && isDigits(d.substring(1))) {
            return Long.parseLong(d);
        }
        return isDigits(d) && d.length() <= 18 ? Long.parseLong(d) : null;
    }

    public static boolean isDigits(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
