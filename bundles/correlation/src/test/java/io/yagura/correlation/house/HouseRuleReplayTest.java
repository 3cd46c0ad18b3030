package io.yagura.correlation.house;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.VendorPlugin;
import io.yagura.plugin.ciscoasa.CiscoAsaPlugin;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A house rule replayed alone on real labelled stories (read by the real Cisco ASA plugin) and on recorded events. */
class HouseRuleReplayTest {

    private static final Path STORIES = Path.of("../../scenarios/stories");
    private static final VendorPlugin ASA = new CiscoAsaPlugin();
    private static final Function<String, VendorPlugin> PLUGINS = id -> id.equals(ASA.vendorId()) ? ASA : null;

    /** An IPS alert followed by the victim calling the attacker: what asa-ips-then-callback.yaml tells. */
    private static final String CALLBACK = """
            title: IPS alert then callback
            name: jsig_ips_then_callback
            detection:
              s:
                event.kind: alert
              condition: s
            level: high
            """;

    private static StoryEvents story(String file) {
        return StoryEvents.read(STORIES.resolve(file), PLUGINS);
    }

    @Test
    void aRuleThatCatchesItsAttackStoryAndStaysQuietOnBenignTrafficPasses() {
        HouseRuleReplay replay = new HouseRuleReplay(HouseRuleText.parse("t.yml", CALLBACK));
        StoryEvents attack = story("asa-ips-then-callback.yaml");
        StoryEvents benign = story("asa-benign-connections.yaml");
        assertTrue(attack.attack() && !benign.attack(), "labels from the story files");

        HouseRuleReplay.Result r = replay.run(List.of(attack, benign),
                sink -> attack.events().forEach(sink));
        assertTrue(r.passed(), r.report());
        assertTrue(r.report().contains("ok     attack asa-ips-then-callback.yaml: 1 incident(s) [Critical]"), r.report());
        assertTrue(r.report().contains("ok     benign asa-benign-connections.yaml: no incident"), r.report());
        assertTrue(r.report().contains("Recorded events: 2, it would have opened 1 incident(s) {story=1}"), r.report());
        assertTrue(r.report().contains("story Critical [203.0.113.50] -> [10.0.0.5]"), r.report());
    }

    @Test
    void aRuleThatFiresOnBenignTrafficOrMissesItsAttackFails() {
        String noisy = CALLBACK.replace("event.kind: alert", "event.kind: event");
        HouseRuleReplay.Result r = new HouseRuleReplay(HouseRuleText.parse("t.yml", noisy))
                .run(List.of(story("asa-ips-then-callback.yaml"), story("asa-benign-connections.yaml")), null);
        assertFalse(r.passed(), r.report());
        assertTrue(r.report().contains("FAILED benign asa-benign-connections.yaml"), r.report());

        HouseRuleReplay.Result none = new HouseRuleReplay(HouseRuleText.parse("t.yml", CALLBACK))
                .run(List.of(story("asa-benign-connections.yaml")), null);
        assertFalse(none.passed(), "no attack sample: nothing is proven");
        assertTrue(none.report().contains("no attack sample"), none.report());
    }

    @Test
    void theStoriesARuleClaimsAreReadFromItsYaguraAttributes() {
        HouseRuleText rule = HouseRuleText.parse("t.yml",
                CALLBACK + "yagura: {stories: [asa-ips-then-callback.yaml, asa-ips-dropped.yaml]}\n");
        org.junit.jupiter.api.Assertions.assertEquals(List.of("asa-ips-then-callback.yaml", "asa-ips-dropped.yaml"),
                rule.claimedStories());
    }

    @Test
    void aStoryOfAVendorWithoutItsPluginIsRefusedClearly() {
        HouseRuleException e = org.junit.jupiter.api.Assertions.assertThrows(HouseRuleException.class,
                () -> StoryEvents.read(STORIES.resolve("asa-ips-then-callback.yaml"), id -> null));
        assertTrue(e.getMessage().contains("no vendor plugin 'cisco-asa' for device asa is installed"), e.getMessage());
    }
}
