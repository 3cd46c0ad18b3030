package io.yagura.api.incident;

import java.time.Instant;
import java.util.List;

/**
 * An incident: what correlation concluded from one or more events, and what analysts and
 * notifications made of it since. Immutable; changes produce a new value ({@code with…}).
 *
 * @param id              stable id, e.g. "INC-20261127-0001"
 * @param customerId      the customer whose devices reported it
 * @param key             aggregation key: repeats of the same story update this incident
 * @param proposedLevel   level correlation proposed (never lowered silently by later events)
 * @param confirmedLevel  level an analyst confirmed or set, or null
 * @param status          lifecycle state
 * @param category        e.g. "intrusion", "malware", "reconnaissance", "policy-violation"
 * @param title           one line for lists and mail subjects
 * @param attackers       attacker addresses
 * @param targets         target addresses
 * @param rules           ids of the rules that fired
 * @param rationale       why the level was proposed, one sentence per step, newest last
 * @param eventCount      how many events are evidence of it
 * @param firstSeen       first evidence (device time)
 * @param lastSeen        latest evidence
 * @param detectedAt      when Yagura opened it
 * @param deadline        when the customer must have been told, or null
 * @param analysis        analyst's analysis, or null
 * @param countermeasures recommended countermeasures, or null
 * @param references      URLs or advisories
 * @param version         optimistic-locking version, incremented on every stored change
 */
public record Incident(String id, String customerId, String key, Level proposedLevel, Level confirmedLevel,
                       IncidentStatus status, String category, String title, List<String> attackers,
                       List<String> targets, List<String> rules, List<String> rationale, long eventCount,
                       Instant firstSeen, Instant lastSeen, Instant detectedAt, Instant deadline, String analysis,
                       String countermeasures, List<String> references, long version) {

    public Incident {
        attackers = attackers == null ? List.of() : List.copyOf(attackers);
        targets = targets == null ? List.of() : List.copyOf(targets);
        rules = rules == null ? List.of() : List.copyOf(rules);
        rationale = rationale == null ? List.of() : List.copyOf(rationale);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** The level that counts: the analyst's when set, else the proposed one. */
    public Level level() {
        return confirmedLevel != null ? confirmedLevel : proposedLevel;
    }

    public Incident withStatus(IncidentStatus s) {
        return new Incident(id, customerId, key, proposedLevel, confirmedLevel, s, category, title, attackers,
                targets, rules, rationale, eventCount, firstSeen, lastSeen, detectedAt, deadline, analysis,
                countermeasures, references, version);
    }

    public Incident withConfirmedLevel(Level l, Instant newDeadline) {
        return new Incident(id, customerId, key, proposedLevel, l, status, category, title, attackers, targets,
                rules, rationale, eventCount, firstSeen, lastSeen, detectedAt, newDeadline, analysis,
                countermeasures, references, version);
    }

    public Incident withAnalysis(String a, String c, List<String> refs) {
        return new Incident(id, customerId, key, proposedLevel, confirmedLevel, status, category, title, attackers,
                targets, rules, rationale, eventCount, firstSeen, lastSeen, detectedAt, deadline,
                a != null ? a : analysis, c != null ? c : countermeasures, refs != null ? refs : references, version);
    }

    public Incident withVersion(long v) {
        return new Incident(id, customerId, key, proposedLevel, confirmedLevel, status, category, title, attackers,
                targets, rules, rationale, eventCount, firstSeen, lastSeen, detectedAt, deadline, analysis,
                countermeasures, references, v);
    }
}
