package io.yagura.response.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "block-extend", description = "Sets a block's expiry to a time from now (at most "
        + "max.expiry.minutes).",
        detailedDescription = "Example:\n  yagura:block-extend --expires 72h --reason \"attack still going on\" "
        + "BLK-20261205-K7Q2XR")
@Service
public class BlockExtendCommand extends ResponseCommand {

    @Argument(index = 0, name = "id", required = true, description = "Block id")
    String id;

    @Option(name = "--expires", required = true, description = "New expiry from now, e.g. 72h, 7d")
    String expires;

    @Option(name = "--reason", description = "Why, for the audit")
    String reason;

    @Override
    void run() {
        BlockText.outcome(blocks.extendFor(id, Durations.parse(expires), operator(), reason), out);
    }
}
