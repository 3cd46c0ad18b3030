package io.yagura.response.command;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "block-reject", description = "Rejects waiting block or quarantine requests (REFUSED, "
        + "with the reason audited).",
        detailedDescription = "Example:\n  yagura:block-reject --reason \"shared CDN address\" BLK-20261205-K7Q2XR")
@Service
public class BlockRejectCommand extends ResponseCommand {

    @Argument(index = 0, name = "ids", required = true, multiValued = true, description = "Block ids")
    List<String> ids;

    @Option(name = "--reason", required = true, description = "Why, for the audit")
    String reason;

    @Override
    void run() {
        for (String id : ids) {
            BlockText.outcome(blocks.reject(id, operator(), reason), out);
        }
    }
}
