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
 * lookups in a concurrent set, without the lock.
 */
final class WebAttackTracker {

    static final String SUCCESS = "yagura.web_success";
    static final String ATTACKER = "yagura.web_attacker";
    static final String TARGET = "yagura.web_target";
    static final String EVIDENCE = "yagura.web_evidence";
    static final int MAX_PAIRS = 10_000;

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
     * is the clock: the event's own time is read only for events of a watched pair.
     */
    void observe(String customerId, SecurityEvent e, long now) {
        String src = e.getString(Ecs.SOURCE_IP);
        String dst = e.getString(Ecs.DESTINATION_IP);
        if (src == null || dst == null) {
            return;
        }
        boolean attack = WebRequests.attack(e);
        WebAttackPair.Proof proof;
        WebAttackPair pair;
        synchronized (pairs) {
            pair = attack ? attacked(new Key(customerId, src, dst), e, CorrelationEngine.eventTime(e, now))
                    : watched(customerId, src, dst, e, now);
            if (pair == null) {
                return;
            }
            proof = pair.evidence(e, settings);
        }
        if (proof != null) {
            e.set(SUCCESS, proof.kind().label());
            e.set(ATTACKER, pair.attacker);
            e.set(TARGET, pair.server);
            e.set(EVIDENCE, proof.evidence());
        }
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
