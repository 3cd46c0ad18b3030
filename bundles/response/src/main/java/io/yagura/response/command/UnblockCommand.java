package io.yagura.response.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "unblock", description = "Removes blocks from their firewalls now (a waiting request is "
        + "withdrawn).",
        detailedDescription = "When the device cannot be reached the block stays ACTIVE and says why; the expiry job "
        + "removes it at its expiry in any case.\n\nExample:\n"
        + "  yagura:unblock --reason \"customer's partner, confirmed by phone\" BLK-20261205-K7Q2XR")
@Service
public class UnblockCommand extends ResponseCommand {

    @Argument(index = 0, name = "ids", required = true, multiValued = true, description = "Block ids")
    List<String> ids;

    @Option(name = "--reason", description = "Why, for the audit")
    String reason;

    @Override
    void run() {
        for (String id : ids) {
            BlockText.outcome(blocks.unblock(id, operator(), reason), out);
        }
    }
}
