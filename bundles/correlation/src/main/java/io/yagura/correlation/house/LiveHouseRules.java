package io.yagura.correlation.house;

import io.yagura.api.houserule.HouseRuleState;
import io.yagura.api.houserule.HouseRuleStore;
import io.yagura.api.houserule.HouseRuleVersion;
import io.yagura.correlation.rules.ExtraRules;
import io.yagura.correlation.rules.RuleScope;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The house rules the engine loads beside the rule files: the canary and active ones, read from the
 * store. When the store cannot be read, the rules of the last good read stay loaded (a database
 * hiccup must not switch live rules off).
 */
public final class LiveHouseRules {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHouseRules.class);

    private final HouseRuleStore store;
    private volatile List<ExtraRules> lastGood = List.of();
    private volatile long lastStamp;

    public LiveHouseRules(HouseRuleStore store) {
        this.store = store;
    }

    /** The live rules, each named {@code jsig:<id>@v<version>} in rule problems. */
    public List<ExtraRules> rules() {
        try {
            lastGood = store.latest().stream().filter(v -> v.state().live()).map(LiveHouseRules::extra).toList();
        } catch (RuntimeException e) {
            LOG.error("House rules could not be read from the store ({}): the {} loaded before stay in force",
                    e.getMessage(), lastGood.size());
        }
        return lastGood;
    }

    /** Changes whenever a house rule version is stored (the repository reloads then). */
    public long stamp() {
        try {
            lastStamp = store.changeCount();
        } catch (RuntimeException e) {
            LOG.debug("house rule change count unreadable: {}", e.getMessage());
        }
        return lastStamp;
    }

    static ExtraRules extra(HouseRuleVersion v) {
        RuleScope scope = v.state() == HouseRuleState.CANARY ? new RuleScope(new HashSet<>(v.customers()), v.ruleId())
                : null;
        return new ExtraRules("jsig:" + v.ruleId() + "@v" + v.version(), v.text(), scope);
    }
}
