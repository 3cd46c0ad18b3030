package io.yagura.correlation.house;

import io.yagura.api.houserule.HouseRuleVersion;
import io.yagura.correlation.service.CorrelationService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

/**
 * What the yagura:jsig* commands share: the store, who is typing, reading a rule file, clear refusals
 * (the command fails with the reason: a non-zero exit code through bin/client).
 */
abstract class JsigCommand implements Action {

    @Reference(optional = true)
    CorrelationService correlation;

    @Reference(optional = true)
    Session session;

    @Override
    public final Object execute() throws Exception {
        if (correlation == null) {
            throw new CommandException("Correlation is not running on this node (feature yagura-incidents)");
        }
        try {
            run(new HouseRules(correlation.houseRules(), Clock.systemUTC()));
        } catch (HouseRuleException | IllegalArgumentException refused) {
            throw new CommandException(refused.getMessage(), refused);
        }
        return null;
    }

    abstract void run(HouseRules rules) throws Exception;

    /** The console user, for the audit trail. */
    String who() {
        Object user = session == null ? null : session.get("USER");
        return user == null ? "console" : user.toString();
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HouseRuleException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The commands about one house rule: its id is their first argument. */
    abstract static class JsigIdCommand extends JsigCommand {
        @Argument(index = 0, name = "id", required = true, description = "house rule id")
        String id;
    }

    static String line(HouseRuleVersion v) {
        return v.ruleId() + " v" + v.version() + " " + v.state().label()
                + (v.customers().isEmpty() ? "" : " for " + String.join(",", v.customers()))
                + " — " + v.at() + " by " + v.author() + (v.reason() == null ? "" : ": " + v.reason());
    }
}
