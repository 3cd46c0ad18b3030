package io.yagura.correlation.engine;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Level;
import io.yagura.correlation.rules.Outcome;
import io.yagura.correlation.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Yagura's outcome-based level for one rule match, with the rationale in sentences.
 *
 * <ol>
 *   <li><b>Base level</b>: the rule's {@code yagura.level} if stated, else its Sigma level mapped
 *       informational → Informational, low → Low, medium → Warning, high → Critical,
 *       critical → Emergency (no level: medium).</li>
 *   <li><b>Outcome</b>: the rule's {@code yagura.outcome} if stated, else read from the triggering
 *       event ({@link #observed}): event.action denied, dropped, reset, blocked (or event.outcome
 *       failure) → blocked; event.action alert → alert-only; allowed, connection-started → passed.</li>
 *   <li><b>Cap</b>: blocked → at most Warning ("a real attack that failed"); alert-only → at most
 *       Critical ("failure not confirmed, success not confirmed either"). Caps only lower; success,
 *       likely, passed and unknown leave the base level. A rule that knows better states
 *       {@code yagura.outcome} (e.g. success for "attack followed by a connection to the attacker"),
 *       which also disables the cap.</li>
 * </ol>
 */
public final class OutcomePolicy {

    static final Set<String> BLOCKED_ACTIONS = Set.of(Ecs.ACTION_DENIED, Ecs.ACTION_DROPPED, Ecs.ACTION_RESET,
            "blocked", "block", "deny", "drop", "rejected", "reject", "prevented", "quarantined");
    static final Set<String> PASSED_ACTIONS = Set.of(Ecs.ACTION_ALLOWED, Ecs.ACTION_CONNECTION_STARTED, "permitted",
            "accepted", "accept", "allow", "pass", "passed");

    /** The proposed level, the outcome used, and the sentences explaining both. */
    public record Proposal(Level level, Outcome outcome, List<String> rationale) {
        public Proposal {
            rationale = List.copyOf(rationale);
        }
    }

    private OutcomePolicy() {
    }

    /** Maps a Sigma level; null maps like medium. */
    public static Level fromSigma(String sigmaLevel) {
        if (sigmaLevel == null) {
            return Level.WARNING;
        }
        return switch (sigmaLevel.trim().toLowerCase(Locale.ROOT)) {
            case "informational" -> Level.INFORMATIONAL;
            case "low" -> Level.LOW;
            case "medium" -> Level.WARNING;
            case "high" -> Level.CRITICAL;
            case "critical" -> Level.EMERGENCY;
            default -> throw new IllegalArgumentException("unknown Sigma level '" + sigmaLevel + "'");
        };
    }

    /** What the device reported about the event's result. */
    public static Outcome observed(SecurityEvent e) {
        String action = e.getString(Ecs.EVENT_ACTION);
        if (action != null) {
            String a = action.toLowerCase(Locale.ROOT);
            if (BLOCKED_ACTIONS.contains(a)) {
                return Outcome.BLOCKED;
            }
            if (a.equals(Ecs.ACTION_ALERT)) {
                return Outcome.ALERT_ONLY;
            }
            if (PASSED_ACTIONS.contains(a)) {
                return Outcome.PASSED;
            }
        }
        String outcome = e.getString(Ecs.EVENT_OUTCOME);
        if (Ecs.OUTCOME_FAILURE.equalsIgnoreCase(outcome)) {
            return Outcome.BLOCKED;
        }
        if (action == null && Ecs.KIND_ALERT.equalsIgnoreCase(e.getString(Ecs.EVENT_KIND))) {
            return Outcome.ALERT_ONLY;
        }
        return Outcome.UNKNOWN;
    }

    /** The level {@link #propose} would give, without building the rationale (hot path). */
    public static Level level(Rule rule, SecurityEvent trigger) {
        Level stated = rule.meta().yagura().level();
        Level level = stated != null ? stated : fromSigma(rule.meta().level());
        Outcome outcome = rule.meta().yagura().outcome();
        if (outcome == null) {
            outcome = observed(trigger);
        }
        if (outcome == Outcome.BLOCKED && level.isMoreSevereThan(Level.WARNING)) {
            return Level.WARNING;
        }
        if (outcome == Outcome.ALERT_ONLY && level.isMoreSevereThan(Level.CRITICAL)) {
            return Level.CRITICAL;
        }
        return level;
    }

    /** The proposed level of a match of {@code rule} triggered by {@code trigger}. */
    public static Proposal propose(Rule rule, SecurityEvent trigger) {
        List<String> why = new ArrayList<>();
        Level stated = rule.meta().yagura().level();
        Level level;
        if (stated != null) {
            level = stated;
            why.add("The rule sets the Yagura level " + level.label() + ".");
        } else {
            String sigma = rule.meta().level() == null ? "medium" : rule.meta().level();
            level = fromSigma(sigma);
            why.add("Rule level " + sigma + " proposes " + level.label() + ".");
        }
        Outcome statedOutcome = rule.meta().yagura().outcome();
        if (statedOutcome != null) {
            why.add(switch (statedOutcome) {
                case SUCCESS -> "The rule establishes that the attack succeeded.";
                case LIKELY -> "The rule establishes that the attack likely succeeded.";
                case BLOCKED -> "The rule establishes that the attack was blocked.";
                case ALERT_ONLY -> "The rule establishes that the device only raised an alert.";
                case PASSED -> "The rule establishes that the traffic passed the device.";
                case UNKNOWN -> "The rule leaves the outcome open.";
            });
            return new Proposal(cap(level, statedOutcome, null, why), statedOutcome, why);
        }
        Outcome seen = observed(trigger);
        return new Proposal(cap(level, seen, trigger, why), seen, why);
    }

    private static Level cap(Level level, Outcome outcome, SecurityEvent e, List<String> why) {
        String evidence = e == null ? "" : " (event.action=" + e.getString(Ecs.EVENT_ACTION)
                + (e.has(Ecs.EVENT_OUTCOME) ? ", event.outcome=" + e.getString(Ecs.EVENT_OUTCOME) : "") + ")";
        if (outcome == Outcome.BLOCKED && level.isMoreSevereThan(Level.WARNING)) {
            why.add("The device blocked it" + evidence + ": an attack that was blocked, dropped or reset is at most "
                    + "Warning, so " + level.label() + " becomes Warning.");
            return Level.WARNING;
        }
        if (outcome == Outcome.BLOCKED && e != null) {
            why.add("The device blocked it" + evidence + ".");
        }
        if (outcome == Outcome.ALERT_ONLY && level.isMoreSevereThan(Level.CRITICAL)) {
            why.add("The device only raised an alert" + evidence + " and did not report blocking it: the attack was "
                    + "not seen to fail but its success is not confirmed either, so Emergency becomes Critical.");
            return Level.CRITICAL;
        }
        if (outcome == Outcome.ALERT_ONLY && level == Level.CRITICAL && e != null) {
            why.add("The device only raised an alert" + evidence + " and did not report blocking it: the attack was "
                    + "not seen to fail.");
        }
        return level;
    }
}
