package io.yagura.correlation.engine;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recognises web attacks that worked. Sigma sees one event at a time and cannot say "the answers
 * come in two sizes", so the engine watches each attacker and server after a web attack alert
 * ({@link WebRequests#attack}) and marks the event that completes a proof ({@link WebAttackPair}):
 * {@value #SUCCESS} (boolean-inference, time-inference, data-out, webshell), the pair in
 * {@value #ATTACKER} and {@value #TARGET}, and the sentence naming the evidence in
 * {@value #EVIDENCE}, which the incident's rationale quotes. The shipped rule
 * web_attack_success.yml turns the mark into an Emergency on the intrusion incident.
 *
 * <p>Each proof is given once per pair. A pair is watched for {@link WebEvidenceSettings#window}
 * after the attacker's last alert; at most {@link #MAX_PAIRS} pairs are kept, the least recently
 * seen forgotten first. An event none of whose addresses is a watched attacker costs one or two
 * lookups in a concurrent set, without the lock, and, when it measures a flow, a copy of a few
 * fields kept in {@link RecentFlows} for an alert correlated after it.
 */
final class WebAttackTracker {

    static final String SUCCESS = "yagura.web_success";
    static final String ATTACKER = "yagura.web_attacker";
    static final String TARGET = "yagura.web_target";
    static final String EVIDENCE = "yagura.web_evidence";
    static final int MAX_PAIRS = 10_000;
    /** How long before its alert a flow may have been measured and still count. */
    static final long LEAD_MILLIS = 5 * 60_000L;

    private record Key(String customerId, String attacker, String server) {
    }

    private final WebEvidenceSettings settings;
    private final Map<Key, WebAttackPair> pairs = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, WebAttackPair> eldest) {
            if (size() <= MAX_PAIRS) {
                return false;
            }
            forget(eldest.getValue());
            return true;
        }
    };
    /** Watched attackers' addresses (any customer) and their pair counts: the lock-free first test. */
    private final ConcurrentHashMap<String, Integer> attackers = new ConcurrentHashMap<>();
    /** Flows of pairs no alert named yet, replayed when one does (guarded by the lock on pairs). */
    private final RecentFlows recent = new RecentFlows();

    WebAttackTracker(WebEvidenceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Worth a look: a web attack alert, or an event from or to a watched attacker. */
    boolean candidate(SecurityEvent e) {
        if (!attackers.isEmpty()) {
            String src = e.getString(Ecs.SOURCE_IP);
            String dst = e.getString(Ecs.DESTINATION_IP);
            if ((src != null && attackers.containsKey(src)) || (dst != null && attackers.containsKey(dst))) {
                return true;
            }
        }
        return WebRequests.attack(e);
    }

    /**
     * Looks at a {@link #candidate}; marks the event when it completes a proof of success. {@code now}
     * is the clock: the event's own time is read only for events of a watched pair. An alert that
     * starts watching a pair first replays the pair's flows measured before it ({@link RecentFlows}):
     * the proof they complete is marked on the alert.
     */
    void observe(String customerId, SecurityEvent e, long now) {
        String src = e.getString(Ecs.SOURCE_IP);
        String dst = e.getString(Ecs.DESTINATION_IP);
        if (src == null || dst == null) {
            return;
        }
        boolean attack = WebRequests.attack(e);
        WebAttackPair.Proof proof = null;
        WebAttackPair pair;
        synchronized (pairs) {
            if (attack) {
                long t = CorrelationEngine.eventTime(e, now);
                Key key = new Key(customerId, src, dst);
                boolean watching = isWatched(key, t);
                pair = attacked(key, e, t);
                if (!watching) {
                    for (SecurityEvent earlier : recent.take(customerId, src, dst, t - LEAD_MILLIS)) {
                        WebAttackPair.Proof p = pair.evidence(earlier, settings);
                        proof = proof == null ? p : proof;
                    }
                }
            } else {
                pair = watched(customerId, src, dst, e, now);
            }
            if (pair == null) {
                return;
            }
            WebAttackPair.Proof own = pair.evidence(e, settings);
            proof = proof == null ? own : proof;
        }
        if (proof != null) {
            e.set(SUCCESS, proof.kind().label());
            e.set(ATTACKER, pair.attacker);
            e.set(TARGET, pair.server);
            e.set(EVIDENCE, proof.evidence());
        }
    }

    /**
     * Keeps an event that is not a {@link #candidate} but measures a flow, in case an alert about
     * its addresses is correlated after it.
     */
    void remember(String customerId, SecurityEvent e, long now) {
        if (!RecentFlows.measures(e)) {
            return;
        }
        String src = e.getString(Ecs.SOURCE_IP);
        String dst = e.getString(Ecs.DESTINATION_IP);
        if (src == null || dst == null) {
            return;
        }
        long t = CorrelationEngine.eventTime(e, now);
        synchronized (pairs) {
            recent.keep(customerId, src, dst, e, t);
        }
    }

    private boolean isWatched(Key key, long t) {
        WebAttackPair pair = pairs.get(key);
        return pair != null && !expired(pair, t);
    }

    private WebAttackPair attacked(Key key, SecurityEvent alert, long t) {
        WebAttackPair pair = pairs.get(key);
        if (pair == null || expired(pair, t)) {
            if (pair != null) {
                forget(pair);
            }
            pair = new WebAttackPair(key.attacker(), key.server());
            pairs.put(key, pair);
            attackers.merge(key.attacker(), 1, Integer::sum);
        }
        pair.attacked(alert, t);
        return pair;
    }

    /** The pair this event belongs to (either direction), while it is watched; null otherwise. */
    private WebAttackPair watched(String customerId, String src, String dst, SecurityEvent e, long now) {
        Key key = new Key(customerId, src, dst);
        WebAttackPair pair = pairs.get(key);
        if (pair == null) {
            key = new Key(customerId, dst, src);
            pair = pairs.get(key);
        }
        if (pair == null) {
            return null;
        }
        if (expired(pair, CorrelationEngine.eventTime(e, now))) {
            pairs.remove(key);
            forget(pair);
            return null;
        }
        return pair;
    }

    /** A pair no longer watched: its attacker leaves the first test when it was its last pair. */
    private void forget(WebAttackPair pair) {
        attackers.computeIfPresent(pair.attacker, (ip, n) -> n == 1 ? null : n - 1);
    }

    /** Events older than the attack (another device's late line) still count; only the window ends a watch. */
    private boolean expired(WebAttackPair pair, long t) {
        return t - pair.lastAttack > settings.window().toMillis();
    }

    /** Pairs currently watched (tests, bounds). */
    int size() {
        synchronized (pairs) {
            return pairs.size();
        }
    }

    /** Attackers' addresses in the lock-free first test (tests). */
    int attackerCount() {
        return attackers.size();
    }
}
