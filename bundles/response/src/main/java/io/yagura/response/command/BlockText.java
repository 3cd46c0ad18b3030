package io.yagura.response.command;

import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.support.table.ShellTable;

/** How blocks are shown: a table, one block in full with its audit trail, or JSON for scripts. */
final class BlockText {

    private BlockText() {
    }

    static void table(List<Block> blocks, PrintStream out) {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Id", "Customer", "Device", "Address", "Kind", "State", "Incident", "By", "Expires",
                "Answer"}) {
            table.column(c);
        }
        for (Block b : blocks) {
            table.addRow().addContent(b.id(), b.customerId(), nz(b.deviceId()), b.address(), kind(b), b.state(),
                    nz(b.incidentId()), b.requestedBy(), nz(b.expiresAt()), shorten(nz(b.deviceAnswer()), 60));
        }
        table.print(out);
    }

    static void full(Block b, List<BlockAudit> audit, PrintStream out) {
        out.println(b.id() + "  " + kind(b) + " of " + b.address() + " on " + nz(b.deviceId()) + "  " + b.state());
        out.println("  customer      " + b.customerId());
        out.println("  incident      " + nz(b.incidentId()));
        out.println("  requested     " + b.requestedAt() + " by " + b.requestedBy() + (b.reason() == null ? "" : ": " + b.reason()));
        out.println("  placed        " + nz(b.placedAt()));
        out.println("  expires       " + nz(b.expiresAt()));
        out.println("  ended         " + nz(b.endedAt()));
        out.println("  device answer " + nz(b.deviceAnswer()));
        out.println("Audit:");
        for (BlockAudit a : audit) {
            out.println("  " + a.at() + "  " + a.actor() + "  " + a.action() + (a.detail() == null ? "" : "  " + a.detail())
                    + (a.deviceAnswer() == null ? "" : "  [device: " + a.deviceAnswer() + "]"));
        }
    }

    static Map<String, Object> json(Block b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("customer", b.customerId());
        m.put("device", b.deviceId());
        m.put("address", b.address());
        m.put("quarantine", b.quarantine());
        m.put("incident", b.incidentId());
        m.put("state", b.state().name());
        m.put("requestedBy", b.requestedBy());
        m.put("reason", b.reason());
        m.put("requestedAt", text(b.requestedAt()));
        m.put("placedAt", text(b.placedAt()));
        m.put("expiresAt", text(b.expiresAt()));
        m.put("endedAt", text(b.endedAt()));
        m.put("deviceAnswer", b.deviceAnswer());
        return m;
    }

    /** One line per block an action produced: what happened and, when it did not work, why. */
    static void outcome(Block b, PrintStream out) {
        out.println(b.id() + "  " + kind(b) + " of " + b.address() + (b.deviceId() == null ? "" : " on " + b.deviceId())
                + ": " + b.state() + (b.deviceAnswer() == null ? "" : " (" + b.deviceAnswer() + ")"));
    }

    private static String kind(Block b) {
        return b.quarantine() ? "quarantine" : "block";
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static String nz(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
