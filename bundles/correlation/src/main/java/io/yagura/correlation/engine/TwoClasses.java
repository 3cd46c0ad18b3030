package io.yagura.correlation.engine;

import java.util.Arrays;

/**
 * Whether measurements (response sizes, response times) fall into exactly two stable classes, as
 * the answers of a blind injection do: the "true" page and the "false" page, or the answer that
 * waited for the injected delay and the one that did not. Ordinary traffic spreads over many
 * values (a search page whose results differ) or stays in one class (the same page each time).
 *
 * <p>Two stable classes means: splitting the sorted values at their largest gap gives two groups
 * of at least {@link #MIN_PER_CLASS} values each, every value within the tolerance (relative, or
 * the absolute slack when that is larger) of its group's median, and the groups further apart than
 * their own spread (the higher group's smallest value at least {@code (1 + tolerance)} times, and
 * {@code minGap} above, the lower group's largest).
 */
final class TwoClasses {

    static final int MIN_PER_CLASS = 2;

    /** The two classes found: their medians and sizes. */
    record Split(long lowMedian, int lowCount, long highMedian, int highCount) {
    }

    private TwoClasses() {
    }

    /**
     * The two classes of {@code values}, or null when they are not two stable classes.
     *
     * @param tolerance relative spread allowed inside a class (0.1: within 10 % of its median)
     * @param slack     absolute spread always allowed inside a class (timer noise, a reflected value)
     * @param minGap    the least absolute distance between the classes (bytes, milliseconds)
     */
    static Split of(long[] values, int count, double tolerance, long slack, long minGap) {
        if (count < 2 * MIN_PER_CLASS) {
            return null;
        }
        long[] v = Arrays.copyOf(values, count);
        Arrays.sort(v);
        int cut = 0; // index of the first value of the high class
        long widest = -1;
        for (int i = 1; i < v.length; i++) {
            if (v[i] - v[i - 1] > widest) {
                widest = v[i] - v[i - 1];
                cut = i;
            }
        }
        if (cut < MIN_PER_CLASS || v.length - cut < MIN_PER_CLASS) {
            return null;
        }
        long low = median(v, 0, cut);
        long high = median(v, cut, v.length);
        if (!stable(v, 0, cut, low, tolerance, slack) || !stable(v, cut, v.length, high, tolerance, slack)) {
            return null;
        }
        long lowMax = v[cut - 1];
        long highMin = v[cut];
        if (highMin - lowMax < minGap || highMin < lowMax * (1 + tolerance)) {
            return null;
        }
        return new Split(low, cut, high, v.length - cut);
    }

    private static boolean stable(long[] sorted, int from, int to, long median, double tolerance, long slack) {
        long allowed = Math.max(slack, Math.round(median * tolerance));
        return sorted[to - 1] - median <= allowed && median - sorted[from] <= allowed;
    }

    private static long median(long[] sorted, int from, int to) {
        return sorted[from + (to - from) / 2];
    }
}
