package io.yagura.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.MergedInto;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "incidents", description = "Lists incidents, newest first, with their level and "
        + "the time left to their notification deadline.",
        detailedDescription = "Examples:\n  yagura:incidents\n  yagura:incidents --level emergency --status new\n"
        + "  yagura:incidents --customer acme\n  yagura:incidents --breached\n  yagura:incidents --json --customer acme -n 1000")
@Service
public class IncidentsCommand extends TriageCommand {

    @Option(name = "--customer", description = "Only this customer's")
    @Completion(Completers.CustomerIds.class)
    String customer;

    @Option(name = "--level", description = "emergency, critical, warning, informational or low")
    @Completion(value = StringsCompleter.class, values = {"emergency", "critical", "warning", "informational", "low"})
    String level;

    @Option(name = "--status", description = "new, triaged, notified, closed or false_positive")
    @Completion(value = StringsCompleter.class, values = {"new", "triaged", "notified", "closed", "false_positive"})
    String status;

    @Option(name = "--breached", description = "Only incidents whose notification deadline has passed unnotified")
    boolean breached;

    @Option(name = "-n", description = "At most this many (default 50)")
    int limit = 50;

    @Option(name = "--json", description = "One JSON object per incident and line, for scripts (tools/score-stories.sh)")
    boolean json;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    void run() {
        IncidentStore.Filter f = new IncidentStore.Filter(customer, level == null ? null : Level.parse(level),
                status == null ? null : IncidentStatus.valueOf(status.toUpperCase(Locale.ROOT)), breached ? true : null,
                limit);
        if (json) {
            for (Incident i : triage.list(f)) {
                System.out.println(toJson(i));
            }
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Id", "Customer", "Level", "Status", "Category", "Attackers", "Targets", "Events",
                "Detected", "Deadline"}) {
            table.column(c);
        }
        Instant now = Instant.now();
        for (Incident i : triage.list(f)) {
            table.addRow().addContent(i.id(), i.customerId(), i.level().label() + (i.confirmedLevel() == null ? "?" : ""),
                    status(i), nz(i.category()), String.join(",", i.attackers()),
                    String.join(",", i.targets()), i.eventCount(), i.detectedAt(), clock(i, now));
        }
        table.print(System.out);
        System.out.println("Level with '?': proposed by correlation, not yet confirmed by an analyst.");
    }

    @Override
    String failurePrefix() {
        return "";
    }

    /** "closed", or "merged into INC-…" for an incident correlation merged into another's story. */
    static String status(Incident i) {
        return MergedInto.of(i).map(into -> "merged into " + into).orElse(i.status().name().toLowerCase(Locale.ROOT));
    }

    /** The fields a script needs to compare incidents with expected ones (level: confirmed, else proposed). */
    static String toJson(Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("customer", i.customerId());
        m.put("level", i.level().name().toLowerCase(Locale.ROOT));
        m.put("confirmed", i.confirmedLevel() != null);
        m.put("status", i.status().name().toLowerCase(Locale.ROOT));
        MergedInto.of(i).ifPresent(into -> m.put("mergedInto", into));
        m.put("category", i.category());
        m.put("title", i.title());
        m.put("attackers", i.attackers());
        m.put("targets", i.targets());
        m.put("rules", i.rules());
        m.put("events", i.eventCount());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "in 12m", "BREACHED 3m ago", "met" or "". */
    static String clock(Incident i, Instant now) {
        if (i.deadline() == null) {
            return "";
        }
        if (i.status() == IncidentStatus.NOTIFIED || i.status() == IncidentStatus.CLOSED
                || i.status() == IncidentStatus.FALSE_POSITIVE) {
            return i.status() == IncidentStatus.NOTIFIED ? "notified" : "";
        }
        Duration left = Duration.between(now, i.deadline());
        return left.isNegative() ? "BREACHED " + left.negated().toMinutes() + "m ago" : "in " + left.toMinutes() + "m"
                + left.toSecondsPart() + "s";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
