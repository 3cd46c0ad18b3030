package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleRepository;
import io.yagura.correlation.rules.RuleSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared test fixtures: the shipped default rules and a fixed clock. */
final class Fixtures {

    static final Path DEFAULT_RULES = Path.of("rules");
    static final Instant NOW = Instant.parse("2024-03-12T12:00:00Z");

    private Fixtures() {
    }

    static RuleSet defaultRules() {
        RuleLoad load = RuleRepository.read(DEFAULT_RULES);
        assertEquals(0, load.problems().size(), "default rules load without problems: " + load.problems());
        return load.ruleSet();
    }

    static MutableClock clock() {
        return new MutableClock(NOW);
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
