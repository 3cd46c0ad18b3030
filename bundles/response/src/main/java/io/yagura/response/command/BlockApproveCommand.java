package io.yagura.response.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "block-approve", description = "Approves waiting block or quarantine requests: they are "
        + "checked again (policy, safelists, cap) and placed.",
        detailedDescription = "yagura:blocks --pending lists what waits.\n\nExample:\n"
        + "  yagura:block-approve BLK-20261205-K7Q2XR BLK-20261205-M3P8WA")
@Service
public class BlockApproveCommand extends ResponseCommand {

    @Argument(index = 0, name = "ids", required = true, multiValued = true, description = "Block ids")
    List<String> ids;

    @Override
    void run() {
        for (String id : ids) {
            BlockText.outcome(blocks.approve(id, operator()), out);
        }
    }
}
