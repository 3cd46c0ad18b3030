package io.yagura.correlation.house;

import io.yagura.api.houserule.HouseRuleState;
import io.yagura.api.houserule.HouseRuleStore;
import io.yagura.api.houserule.HouseRuleTest;
import io.yagura.api.houserule.HouseRuleVersion;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle of house rules: draft → validated → canary → active → retired. Every change is a
 * new version in the store with who, when and why; a refused change stores nothing and says why.
 * <ul>
 *   <li>validated: only from draft, and only when the newest test replay of the current text passed;</li>
 *   <li>canary: from validated (or canary, to change its customers), for at least one customer;</li>
 *   <li>active: from canary only: a rule runs on chosen customers before it runs on all;</li>
 *   <li>retired: from any other state, with a reason; a retired rule stays retired;</li>
 *   <li>new text: only while the rule is not live (draft or validated) and it puts the rule back to draft.</li>
 * </ul>
 */
public final class HouseRules {

    private final HouseRuleStore store;
    private final Clock clock;

    public HouseRules(HouseRuleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public HouseRuleVersion add(String source, String text, String who) {
        HouseRuleText rule = HouseRuleText.parse(source, text);
        store.latest(rule.id()).ifPresent(existing -> {
            throw new HouseRuleException("house rule " + rule.id() + " exists already (version " + existing.version()
                    + ", " + existing.state().label() + "): change its text with yagura:jsig-update " + rule.id()
                    + " FILE");
        });
        return store.append(new HouseRuleVersion(rule.id(), 1, HouseRuleState.DRAFT, text, rule.sha256(), List.of(),
                who, clock.instant(), "added", null));
    }

    public HouseRuleVersion update(String id, String source, String text, String who) {
        HouseRuleVersion current = current(id);
        if (current.state() != HouseRuleState.DRAFT && current.state() != HouseRuleState.VALIDATED) {
            throw new HouseRuleException("house rule " + id + " is " + current.state().label() + ": its text cannot "
                    + "change" + (current.state().live() ? " while it is live; add the new text as a new rule, prove "
                    + "it, then retire this one" : ""));
        }
        HouseRuleText rule = HouseRuleText.parse(source, text);
        if (!rule.id().equals(id)) {
            throw new HouseRuleException(source + " holds rule " + rule.id() + ", not " + id
                    + ": the rule's name (else id) is the house rule's id");
        }
        if (rule.sha256().equals(current.textSha256())) {
            throw new HouseRuleException("house rule " + id + ": the text is unchanged (version " + current.version()
                    + "); nothing stored");
        }
        return store.append(new HouseRuleVersion(id, current.version() + 1, HouseRuleState.DRAFT, text,
                rule.sha256(), List.of(), who, clock.instant(), "new text", null));
    }

    /** Keeps a test replay's result on the rule's current version. */
    public void recordTest(String id, boolean passed, String report, String who) {
        HouseRuleVersion current = current(id);
        store.recordTest(id, current.version(),
                new HouseRuleTest(clock.instant(), who, current.textSha256(), passed, report));
    }

    public HouseRuleVersion promote(String id, HouseRuleState target, List<String> customers, String who) {
        HouseRuleVersion current = current(id);
        List<String> scope = List.of();
        String why;
        switch (target) {
            case VALIDATED -> {
                requireFrom(current, target, HouseRuleState.DRAFT);
                HouseRuleTest test = lastTest(id).orElseThrow(() -> new HouseRuleException("house rule " + id
                        + " has not been tested: run yagura:jsig-test " + id));
                if (!test.textSha256().equals(current.textSha256())) {
                    throw new HouseRuleException("house rule " + id + ": its text changed since its last test ("
                            + test.at() + "): run yagura:jsig-test " + id + " again");
                }
                if (!test.passed()) {
                    throw new HouseRuleException("house rule " + id + ": its last test (" + test.at()
                            + ") failed: fix the rule or the stories it claims, and test again");
                }
                why = "test of " + test.at() + " by " + test.by() + " passed";
            }
            case CANARY -> {
                requireFrom(current, target, HouseRuleState.VALIDATED, HouseRuleState.CANARY);
                scope = customers == null ? List.of() : customers.stream().map(String::trim)
                        .filter(c -> !c.isEmpty()).distinct().toList();
                if (scope.isEmpty()) {
                    throw new HouseRuleException("house rule " + id + ": a canary runs for chosen customers: "
                            + "give them with --customers a,b");
                }
                why = "canary for " + String.join(", ", scope);
            }
            case ACTIVE -> {
                requireFrom(current, target, HouseRuleState.CANARY);
                why = "live for every customer";
            }
            default -> throw new HouseRuleException("house rule " + id + ": promote to validated, canary or active; "
                    + (target == HouseRuleState.RETIRED ? "retire with yagura:jsig-retire " + id + " --reason ..."
                    : "new text makes a draft (yagura:jsig-update)"));
        }
        return store.append(current.next(target, scope, who, clock.instant(), why));
    }

    public HouseRuleVersion retire(String id, String reason, String who) {
        HouseRuleVersion current = current(id);
        if (reason == null || reason.isBlank()) {
            throw new HouseRuleException("house rule " + id + ": say why it is retired (--reason, e.g. "
                    + "\"covered by vendor signature 4051\")");
        }
        if (current.state() == HouseRuleState.RETIRED) {
            throw new HouseRuleException("house rule " + id + " is retired already (version " + current.version()
                    + ": " + current.reason() + ")");
        }
        return store.append(current.next(HouseRuleState.RETIRED, List.of(), who, clock.instant(), reason.trim()));
    }

    public HouseRuleVersion current(String id) {
        return store.latest(id).orElseThrow(() -> new HouseRuleException("no house rule " + id
                + " (yagura:jsig lists them)"));
    }

    /** The newest test replay over the rule's versions. */
    private Optional<HouseRuleTest> lastTest(String id) {
        List<HouseRuleVersion> history = store.history(id);
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).test() != null) {
                return Optional.of(history.get(i).test());
            }
        }
        return Optional.empty();
    }

    private static void requireFrom(HouseRuleVersion current, HouseRuleState target, HouseRuleState... allowed) {
        if (List.of(allowed).contains(current.state())) {
            return;
        }
        throw new HouseRuleException("house rule " + current.ruleId() + " is " + current.state().label()
                + ": it becomes " + target.label() + " only from " + String.join(" or ",
                List.of(allowed).stream().map(HouseRuleState::label).toList()));
    }
}
