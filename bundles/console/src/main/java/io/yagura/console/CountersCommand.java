package io.yagura.console;

import io.yagura.api.metrics.Counters;
import java.util.Locale;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "counters", description = "Shows the counters of this node: per listener, "
        + "per plugin and for ingest routing.",
        detailedDescription = "Counters start from zero when the node starts.\n\nExamples:\n"
        + "  yagura:counters\n  yagura:counters plugin")
@Service
public class CountersCommand implements Action {

    @Argument(index = 0, name = "scope", description = "Only this scope: listener, ingest or plugin")
    @Completion(ScopeCompleter.class)
    String scope;

    @Reference
    Counters counters;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Scope");
        table.column("Subject");
        table.column("Metric");
        table.column("Value").alignRight();
        table.column("Per second (1 min)").alignRight();
        for (Map.Entry<String, Map<String, Map<String, Long>>> s : counters.snapshot().entrySet()) {
            if (scope != null && !scope.equals(s.getKey())) {
                continue;
            }
            for (Map.Entry<String, Map<String, Long>> subject : s.getValue().entrySet()) {
                for (Map.Entry<String, Long> metric : subject.getValue().entrySet()) {
                    table.addRow().addContent(s.getKey(), subject.getKey(), metric.getKey(), metric.getValue(),
                            String.format(Locale.ROOT, "%.1f",
                                    counters.ratePerSecond(s.getKey(), subject.getKey(), metric.getKey())));
                }
            }
        }
        table.print(System.out);
        return null;
    }

    /** Completes the scope names. */
    @Service
    public static class ScopeCompleter extends StringsCompleter implements Completer {
        public ScopeCompleter() {
            super(new String[] {"listener", "ingest", "plugin"});
        }
    }
}
