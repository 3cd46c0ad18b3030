package io.yagura.correlation.house;

import io.yagura.api.houserule.CanaryHold;
import io.yagura.api.houserule.HouseRuleState;
import io.yagura.api.houserule.HouseRuleVersion;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import java.util.Arrays;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** The yagura:jsig* console commands: house rules from draft to retired (docs/rules.md, "House signatures"). */
public final class JsigCommands {

    private JsigCommands() {
    }

    @Command(scope = "yagura", name = "jsig", description = "Lists the house rules (JSIG): id, version, state, "
            + "canary customers, last change.")
    @Service
    public static final class ListRules extends JsigCommand {
        @Override
        void run(HouseRules rules) {
            List<HouseRuleVersion> all = correlation.houseRules().latest();
            if (all.isEmpty()) {
                System.out.println("No house rules (add one with yagura:jsig-add FILE).");
            }
            all.forEach(v -> System.out.println(line(v)));
        }
    }

    @Command(scope = "yagura", name = "jsig-show", description = "Shows a house rule's text, state and last test.",
            detailedDescription = "Examples:\n  yagura:jsig-show jsig_outbound_smb\n"
            + "  yagura:jsig-show --version 1 jsig_outbound_smb")
    @Service
    public static final class Show extends JsigCommand.JsigIdCommand {
        @Option(name = "--version", description = "an older version")
        Integer version;

        @Override
        void run(HouseRules rules) {
            HouseRuleVersion v = version == null ? rules.current(id) : correlation.houseRules().version(id, version)
                    .orElseThrow(() -> new HouseRuleException("house rule " + id + " has no version " + version));
            System.out.println(line(v));
            System.out.println(v.test() == null ? "Not tested." : "Test " + v.test().at() + " by " + v.test().by()
                    + ": " + (v.test().passed() ? "PASSED" : "FAILED") + "\n" + v.test().report());
            System.out.println("---\n" + v.text());
        }
    }

    @Command(scope = "yagura", name = "jsig-history", description = "Every version of a house rule: who, when, why.")
    @Service
    public static final class History extends JsigCommand.JsigIdCommand {
        @Override
        void run(HouseRules rules) {
            rules.current(id);
            correlation.houseRules().history(id).forEach(v -> System.out.println(line(v)
                    + (v.test() == null ? "" : " [tested " + (v.test().passed() ? "passed" : "failed") + "]")));
        }
    }

    @Command(scope = "yagura", name = "jsig-add", description = "Adds a Sigma rule file as a draft house rule.",
            detailedDescription = "Example:\n  yagura:jsig-add /tmp/jsig_outbound_smb.yml")
    @Service
    public static final class Add extends JsigCommand {
        @Argument(index = 0, name = "file", required = true, description = "Sigma rule file")
        String file;

        @Override
        void run(HouseRules rules) {
            System.out.println("Stored " + line(rules.add(file, read(file), who())));
        }
    }

    @Command(scope = "yagura", name = "jsig-update", description = "New text for a draft or validated house rule "
            + "(it becomes a draft again).")
    @Service
    public static final class Update extends JsigCommand.JsigIdCommand {
        @Argument(index = 1, name = "file", required = true, description = "Sigma rule file")
        String file;

        @Override
        void run(HouseRules rules) {
            System.out.println("Stored " + line(rules.update(id, file, read(file), who())));
        }
    }

    @Command(scope = "yagura", name = "jsig-promote", description = "Promotes a house rule: validated (after a "
            + "passing yagura:jsig-test), canary (--customers), active.",
            detailedDescription = "Options come before the id. Examples:\n"
            + "  yagura:jsig-promote --to validated jsig_outbound_smb\n"
            + "  yagura:jsig-promote --to canary --customers acme,globex jsig_outbound_smb\n"
            + "  yagura:jsig-promote --to active jsig_outbound_smb")
    @Service
    public static final class Promote extends JsigCommand.JsigIdCommand {
        @Option(name = "--to", required = true, description = "validated, canary or active")
        String to;

        @Option(name = "--customers", description = "canary: the customers it runs for, comma-separated")
        String customers;

        @Override
        void run(HouseRules rules) {
            List<String> scope = customers == null ? List.of() : Arrays.asList(customers.split(","));
            System.out.println("Stored " + line(rules.promote(id, HouseRuleState.parse(to), scope, who())));
        }
    }

    @Command(scope = "yagura", name = "jsig-retire", description = "Retires a house rule: no longer loaded.",
            detailedDescription = "Example:\n"
            + "  yagura:jsig-retire --reason \"covered by vendor signature 4051\" jsig_outbound_smb")
    @Service
    public static final class Retire extends JsigCommand.JsigIdCommand {
        @Option(name = "--reason", required = true, description = "why (e.g. the vendor signature that covers it)")
        String reason;

        @Override
        void run(HouseRules rules) {
            System.out.println("Stored " + line(rules.retire(id, reason, who())));
        }
    }

    @Command(scope = "yagura", name = "jsig-release", description = "Releases an incident a canary house rule held: "
            + "the dispatcher then notifies as for any incident (discard one with the false-positive command).")
    @Service
    public static final class Release extends JsigCommand {
        @Argument(index = 0, name = "incident", required = true, description = "incident id")
        String incidentId;

        @Override
        void run(HouseRules rules) {
            Incident i = correlation.incidents().find(incidentId)
                    .orElseThrow(() -> new HouseRuleException("no incident " + incidentId));
            if (CanaryHold.heldBy(i).isEmpty()) {
                throw new HouseRuleException("incident " + incidentId + " is not held by a canary house rule");
            }
            Incident stored = correlation.incidents().update(i.toBuilder()
                    .references(CanaryHold.released(i.references())).build());
            correlation.changes().announce(stored, IncidentChanges.Change.ANNOTATED);
            System.out.println("Released " + incidentId + " (" + stored.level().label() + ")");
        }
    }
}
