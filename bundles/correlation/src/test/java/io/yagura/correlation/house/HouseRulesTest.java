package io.yagura.correlation.house;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.houserule.HouseRuleState;
import io.yagura.api.houserule.HouseRuleVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The house rule lifecycle: each allowed step stores a version with its audit, each refused one says why and stores nothing. */
class HouseRulesTest {

    private static final String RULE = """
            title: Outbound SMB from the server network
            name: jsig_outbound_smb
            detection:
              allowed:
                event.action: allowed
                destination.port: 445
              condition: allowed
            level: high
            """;
    private static final String RULE_V2 = RULE.replace("445", "[445, 139]");

    private final MemoryHouseRuleStore store = new MemoryHouseRuleStore();
    private final HouseRules rules = new HouseRules(store,
            Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC));

    private void refused(String expected, Executable change) {
        long before = store.changeCount();
        HouseRuleException e = assertThrows(HouseRuleException.class, change);
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
        assertEquals(before, store.changeCount(), "a refused change stores nothing");
    }

    private void validated() {
        rules.add("smb.yml", RULE, "alice");
        rules.recordTest("jsig_outbound_smb", true, "caught 1 of 1", "alice");
        rules.promote("jsig_outbound_smb", HouseRuleState.VALIDATED, null, "alice");
    }

    @Test
    void aRuleGoesFromDraftToActiveAndRetiredWithEveryStepAVersionWithWhoWhenAndWhy() {
        validated();
        rules.promote("jsig_outbound_smb", HouseRuleState.CANARY, List.of("acme", " globex", "acme"), "bob");
        rules.promote("jsig_outbound_smb", HouseRuleState.ACTIVE, null, "bob");
        rules.retire("jsig_outbound_smb", "covered by vendor signature 4051", "carol");

        List<HouseRuleVersion> h = store.history("jsig_outbound_smb");
        assertEquals(List.of(HouseRuleState.DRAFT, HouseRuleState.VALIDATED, HouseRuleState.CANARY,
                HouseRuleState.ACTIVE, HouseRuleState.RETIRED), h.stream().map(HouseRuleVersion::state).toList());
        assertEquals(List.of("acme", "globex"), h.get(2).customers(), "canary customers, trimmed, once each");
        assertEquals("carol", h.get(4).author());
        assertEquals("covered by vendor signature 4051", h.get(4).reason());
        assertTrue(h.get(1).reason().contains("passed"), h.get(1).reason());
        assertEquals(RULE, h.get(4).text(), "the text travels with every version");
    }

    @Test
    void invalidSigmaIsRefusedWithTheProblemsFileAndLine() {
        refused("smb.yml:6: rule \"Outbound SMB from the server network\": selection 'allowed': "
                + "'destination.port|sortof': unsupported modifier 'sortof'",
                () -> rules.add("smb.yml", RULE.replace("destination.port:", "destination.port|sortof:"), "alice"));
        refused("smb.yml: the file is empty", () -> rules.add("smb.yml", " \n", "alice"));
    }

    @Test
    void aTextWithTwoIncidentRulesIsRefused() {
        refused("found 2: jsig_outbound_smb, other",
                () -> rules.add("two.yml", RULE + "---\n" + RULE.replace("name: jsig_outbound_smb", "name: other"), "a"));
    }

    @Test
    void validationIsRefusedWithoutATestAfterAFailedTestAndWhenTheTextChangedSince() {
        rules.add("smb.yml", RULE, "alice");
        refused("has not been tested: run yagura:jsig-test jsig_outbound_smb",
                () -> rules.promote("jsig_outbound_smb", HouseRuleState.VALIDATED, null, "alice"));
        rules.recordTest("jsig_outbound_smb", false, "missed story x", "alice");
        refused("its last test (2026-12-05T10:00:00Z) failed",
                () -> rules.promote("jsig_outbound_smb", HouseRuleState.VALIDATED, null, "alice"));
        rules.recordTest("jsig_outbound_smb", true, "caught 1 of 1", "alice");
        rules.update("jsig_outbound_smb", "smb.yml", RULE_V2, "alice");
        refused("its text changed since its last test",
                () -> rules.promote("jsig_outbound_smb", HouseRuleState.VALIDATED, null, "alice"));
    }

    @Test
    void stepsOutOfOrderAreRefusedNamingTheStateTheyNeed() {
        rules.add("smb.yml", RULE, "alice");
        refused("is draft: it becomes canary only from validated or canary",
                () -> rules.promote("jsig_outbound_smb", HouseRuleState.CANARY, List.of("acme"), "bob"));
        refused("is draft: it becomes active only from canary",
                () -> rules.promote("jsig_outbound_smb", HouseRuleState.ACTIVE, null, "bob"));
        refused("retire with yagura:jsig-retire",
                () -> rules.promote("jsig_outbound_smb", HouseRuleState.RETIRED, null, "bob"));
        rules.recordTest("jsig_outbound_smb", true, "ok", "alice");
        rules.promote("jsig_outbound_smb", HouseRuleState.VALIDATED, null, "alice");
        refused("is validated: it becomes validated only from draft",
                () -> rules.promote("jsig_outbound_smb", HouseRuleState.VALIDATED, null, "alice"));
        refused("give them with --customers a,b",
                () -> rules.promote("jsig_outbound_smb", HouseRuleState.CANARY, List.of(" "), "bob"));
        refused("no house rule nope", () -> rules.promote("nope", HouseRuleState.ACTIVE, null, "bob"));
    }

    @Test
    void theTextOfALiveOrRetiredRuleCannotChangeAndAnUnchangedTextIsNotAVersion() {
        validated();
        refused("the text is unchanged", () -> rules.update("jsig_outbound_smb", "smb.yml", RULE, "alice"));
        refused("holds rule other, not jsig_outbound_smb", () -> rules.update("jsig_outbound_smb", "o.yml",
                RULE.replace("name: jsig_outbound_smb", "name: other"), "alice"));
        rules.promote("jsig_outbound_smb", HouseRuleState.CANARY, List.of("acme"), "bob");
        refused("is canary: its text cannot change while it is live",
                () -> rules.update("jsig_outbound_smb", "smb.yml", RULE_V2, "alice"));
        refused("say why it is retired", () -> rules.retire("jsig_outbound_smb", " ", "carol"));
        rules.retire("jsig_outbound_smb", "false positives at acme", "carol");
        refused("is retired already", () -> rules.retire("jsig_outbound_smb", "again", "carol"));
        refused("is retired: its text cannot change", () -> rules.update("jsig_outbound_smb", "smb.yml", RULE_V2, "a"));
        refused("exists already (version 4, retired)", () -> rules.add("smb.yml", RULE, "alice"));
    }

    @Test
    void newTextPutsAValidatedRuleBackToDraft() {
        validated();
        HouseRuleVersion v = rules.update("jsig_outbound_smb", "smb.yml", RULE_V2, "alice");
        assertEquals(HouseRuleState.DRAFT, v.state());
        assertEquals(3, v.version());
    }
}
