package io.yagura.api.incident;

import java.time.Instant;
import java.util.List;

/**
 * An incident: what correlation concluded from one or more events, and what analysts and
 * notifications made of it since. Immutable; changes produce a new value ({@code with…}, or
 * {@link #toBuilder()}); a new one is made with {@link #builder()}.
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
        return toBuilder().status(s).build();
    }

    public Incident withConfirmedLevel(Level l, Instant newDeadline) {
        return toBuilder().confirmedLevel(l).deadline(newDeadline).build();
    }

    public Incident withAnalysis(String a, String c, List<String> refs) {
        return toBuilder().analysis(a != null ? a : analysis).countermeasures(c != null ? c : countermeasures)
                .references(refs != null ? refs : references).build();
    }

    public Incident withVersion(long v) {
        return toBuilder().version(v).build();
    }

    /** An empty builder: components not set are null (lists empty, numbers 0). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every component of this incident, to change a few of them. */
    public Builder toBuilder() {
        return new Builder().id(id).customerId(customerId).key(key).proposedLevel(proposedLevel)
                .confirmedLevel(confirmedLevel).status(status).category(category).title(title).attackers(attackers)
                .targets(targets).rules(rules).rationale(rationale).eventCount(eventCount).firstSeen(firstSeen)
                .lastSeen(lastSeen).detectedAt(detectedAt).deadline(deadline).analysis(analysis)
                .countermeasures(countermeasures).references(references).version(version);
    }

    /**
     * Builds an incident by naming its components, one setter per component (see the record's
     * parameters), so a reader need not count the canonical constructor's 21 positions.
     */
    public static final class Builder {
        private String id;
        private String customerId;
        private String key;
        private Level proposedLevel;
        private Level confirmedLevel;
        private IncidentStatus status;
        private String category;
        private String title;
        private List<String> attackers;
        private List<String> targets;
        private List<String> rules;
        private List<String> rationale;
        private long eventCount;
        private Instant firstSeen;
        private Instant lastSeen;
        private Instant detectedAt;
        private Instant deadline;
        private String analysis;
        private String countermeasures;
        private List<String> references;
        private long version;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder proposedLevel(Level proposedLevel) {
            this.proposedLevel = proposedLevel;
            return this;
        }

        public Builder confirmedLevel(Level confirmedLevel) {
            this.confirmedLevel = confirmedLevel;
            return this;
        }

        public Builder status(IncidentStatus status) {
            this.status = status;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder attackers(List<String> attackers) {
            this.attackers = attackers;
            return this;
        }

        public Builder targets(List<String> targets) {
            this.targets = targets;
            return this;
        }

        public Builder rules(List<String> rules) {
            this.rules = rules;
            return this;
        }

        public Builder rationale(List<String> rationale) {
            this.rationale = rationale;
            return this;
        }

        public Builder eventCount(long eventCount) {
            this.eventCount = eventCount;
            return this;
        }

        public Builder firstSeen(Instant firstSeen) {
            this.firstSeen = firstSeen;
            return this;
        }

        public Builder lastSeen(Instant lastSeen) {
            this.lastSeen = lastSeen;
            return this;
        }

        public Builder detectedAt(Instant detectedAt) {
            this.detectedAt = detectedAt;
            return this;
        }

        public Builder deadline(Instant deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder analysis(String analysis) {
            this.analysis = analysis;
            return this;
        }

        public Builder countermeasures(String countermeasures) {
            this.countermeasures = countermeasures;
            return this;
        }

        public Builder references(List<String> references) {
            this.references = references;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Incident build() {
            return new Incident(id, customerId, key, proposedLevel, confirmedLevel, status, category, title, attackers,
                    targets, rules, rationale, eventCount, firstSeen, lastSeen, detectedAt, deadline, analysis,
                    countermeasures, references, version);
        }
    }
}
