package io.yagura.correlation.house;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.registry.Customer;
import io.yagura.correlation.engine.CorrelationEngine;
import io.yagura.correlation.engine.EngineSettings;
import io.yagura.correlation.engine.IncidentChange;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replays a house rule, alone, on labelled stories and on recorded events, and says what it would
 * have opened. It passes when it opens an incident above Low in every attack story it is given and
 * nothing above Low in any benign story; what it opens on recorded events is shown, not judged.
 */
public final class HouseRuleReplay {

    /** How many incidents of the recorded events are shown as examples. */
    static final int EXAMPLES = 5;

    /** What a replay showed. */
    public record Result(boolean passed, String report) {
    }

    private final HouseRuleText rule;

    public HouseRuleReplay(HouseRuleText rule) {
        this.rule = rule;
    }

    /**
     * @param stories  the attack samples the rule claims and the benign stories
     * @param recorded hands recorded events (e.g. the archive between two times) to a consumer, or null
     */
    public Result run(List<StoryEvents> stories, Consumer<Consumer<SecurityEvent>> recorded) {
        StringBuilder out = new StringBuilder();
        boolean passed = true;
        int attacks = 0;
        for (StoryEvents s : stories) {
            List<Incident> opened = replay(s.events()::forEach,
                    List.of(new Customer(StoryEvents.CUSTOMER, s.name(), s.networks())), new long[1]).stream().filter(i -> i.level().isMoreSevereThan(Level.LOW)).toList();
            boolean ok = s.attack() == !opened.isEmpty();
            passed &= ok;
            attacks += s.attack() ? 1 : 0;
            out.append(ok ? "  ok     " : "  FAILED ").append(s.attack() ? "attack " : "benign ").append(s.name())
                    .append(": ").append(opened.isEmpty() ? "no incident" : opened.size() + " incident(s) "
                    + opened.stream().map(i -> i.level().label()).distinct().toList()).append('\n');
        }
        if (attacks == 0) {
            passed = false;
            out.append("  FAILED no attack sample: claim the stories the rule must catch (yagura: {stories: [...]})\n");
        }
        if (recorded != null) {
            long[] events = new long[1];
            List<Incident> opened = replay(recorded, List.of(), events); // streamed: the archive may be large
            Map<String, Integer> perCustomer = new TreeMap<>();
            opened.forEach(i -> perCustomer.merge(i.customerId(), 1, Integer::sum));
            out.append("Recorded events: ").append(events[0]).append(", it would have opened ")
                    .append(opened.size()).append(" incident(s)").append(perCustomer.isEmpty() ? "" : " " + perCustomer)
                    .append('\n');
            opened.stream().limit(EXAMPLES).forEach(i -> out.append("  ").append(i.customerId()).append(' ')
                    .append(i.level().label()).append(' ').append(i.attackers()).append(" -> ").append(i.targets())
                    .append(' ').append(i.eventCount()).append(" event(s) from ").append(i.firstSeen()).append('\n'));
        }
        return new Result(passed, (passed ? "PASSED" : "FAILED") + " (" + rule.id() + ", text " + rule.sha256()
                .substring(0, 12) + ")\n" + out);
    }

    /** The rule alone over the events, on their own time, counting them; the incidents as last updated. */
    private List<Incident> replay(Consumer<Consumer<SecurityEvent>> source, List<Customer> customers, long[] count) {
        ReplayContext context = new ReplayContext(customers, "REPLAY-");
        ReplayClock clock = new ReplayClock();
        CorrelationEngine engine = new CorrelationEngine(rule.rules(), context, clock, EngineSettings.defaults());
        source.accept(e -> {
            count[0]++;
            clock.advanceTo(e.getString(Ecs.TIMESTAMP));
            for (IncidentChange c : engine.process(e)) {
                context.put(c.incident());
            }
        });
        return context.incidents();
    }
}
