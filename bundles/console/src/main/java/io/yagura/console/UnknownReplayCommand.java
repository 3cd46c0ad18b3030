package io.yagura.console;

import io.yagura.api.Queues;
import io.yagura.api.ingest.UnknownLineReplay;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "unknown-replay", description = "Routes the lines waiting in yagura.raw.unknown "
        + "again, after their device was registered or a plugin that recognises them was installed.",
        detailedDescription = "Lines still unknown go back to wait.\n\nExample:\n"
        + "  yagura:device-add --customer acme --vendor cisco-asa acme-fw2 198.51.100.20\n  yagura:unknown-replay")
@Service
public class UnknownReplayCommand implements Action {

    @Reference
    UnknownLineReplay replay;

    @Override
    public Object execute() throws Exception {
        UnknownLineReplay.Result r = replay.replay();
        System.out.println("Replayed " + r.lines() + " line(s) from " + Queues.RAW_UNKNOWN);
        for (Map.Entry<String, Long> e : r.routedByQueue().entrySet()) {
            System.out.println("  " + e.getValue() + " -> " + e.getKey());
        }
        return null;
    }
}
