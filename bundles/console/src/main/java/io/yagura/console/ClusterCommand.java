package io.yagura.console;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.cluster.ClusterDuties.Lease;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "cluster", description = "Shows this node's id and the cluster duties: which node "
        + "holds each and until when.",
        detailedDescription = "A duty is periodic work that runs on one node at a time: deadline watch, digests, "
        + "device health checks, block expiry, monthly reports, pulled devices, the sweeps of pending notices. "
        + "A lease whose time has passed is free: the next node that renews takes it. Times are the database's, "
        + "compared with this node's clock.\n\nExample:\n  yagura:cluster")
@Service
public class ClusterCommand implements Action {

    @Reference
    ClusterDuties duties;

    @Override
    public Object execute() {
        print(System.out, Instant.now());
        return null;
    }

    void print(PrintStream out, Instant now) {
        String me = duties.nodeId();
        out.println("This node: " + me);
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Duty", "Holder", "Until", "State"}) {
            table.column(c);
        }
        for (Lease l : duties.leases()) {
            String state = !l.until().isAfter(now) ? "free (lease ran out)" : me.equals(l.holder()) ? "held here" : "held";
            table.addRow().addContent(l.duty(), l.holder(), l.until().truncatedTo(ChronoUnit.SECONDS), state);
        }
        table.print(out);
    }
}
