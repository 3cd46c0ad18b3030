package io.yagura.correlation.house;

import io.yagura.api.houserule.HouseRuleStore;
import io.yagura.api.houserule.HouseRuleTest;
import io.yagura.api.houserule.HouseRuleVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A hand-written in-memory store with the contract of JdbcHouseRuleStore (tested on H2/PostgreSQL in bundles/store). */
final class MemoryHouseRuleStore implements HouseRuleStore {

    private final Map<String, List<HouseRuleVersion>> rules = new TreeMap<>();

    @Override
    public List<HouseRuleVersion> latest() {
        return rules.values().stream().map(h -> h.get(h.size() - 1)).toList();
    }

    @Override
    public Optional<HouseRuleVersion> latest(String ruleId) {
        List<HouseRuleVersion> h = history(ruleId);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    @Override
    public Optional<HouseRuleVersion> version(String ruleId, int version) {
        return history(ruleId).stream().filter(v -> v.version() == version).findFirst();
    }

    @Override
    public List<HouseRuleVersion> history(String ruleId) {
        return List.copyOf(rules.getOrDefault(ruleId, List.of()));
    }

    @Override
    public HouseRuleVersion append(HouseRuleVersion v) {
        List<HouseRuleVersion> h = rules.computeIfAbsent(v.ruleId(), k -> new ArrayList<>());
        if (v.version() != h.size() + 1) {
            throw new ConcurrentChangeException(v.ruleId() + " is at version " + h.size());
        }
        h.add(v);
        return v;
    }

    @Override
    public void recordTest(String ruleId, int version, HouseRuleTest test) {
        List<HouseRuleVersion> h = rules.get(ruleId);
        HouseRuleVersion v = h.get(version - 1);
        h.set(version - 1, new HouseRuleVersion(v.ruleId(), v.version(), v.state(), v.text(), v.textSha256(),
                v.customers(), v.author(), v.at(), v.reason(), test));
    }

    @Override
    public long changeCount() {
        return rules.values().stream().mapToLong(List::size).sum();
    }
}
