package io.yagura.correlation.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A correlation condition: one or more of gt, gte, lt, lte, eq (all must hold). Evaluated when an
 * event arrives, so it needs a lower bound (gt, gte or eq): an upper bound alone would hold at the
 * first event. Null fields are not set.
 */
public record CountCondition(Long gt, Long gte, Long lt, Long lte, Long eq) {

    public boolean test(long n) {
        return (gt == null || n > gt) && (gte == null || n >= gte) && (lt == null || n < lt)
                && (lte == null || n <= lte) && (eq == null || n == eq);
    }

    public boolean hasLowerBound() {
        return gt != null || gte != null || eq != null;
    }

    @Override
    public String toString() {
        List<String> p = new ArrayList<>();
        if (gt != null) {
            p.add("gt " + gt);
        }
        if (gte != null) {
            p.add("gte " + gte);
        }
        if (lt != null) {
            p.add("lt " + lt);
        }
        if (lte != null) {
            p.add("lte " + lte);
        }
        if (eq != null) {
            p.add("eq " + eq);
        }
        return String.join(" and ", p);
    }
}
