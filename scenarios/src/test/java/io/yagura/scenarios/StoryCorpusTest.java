package io.yagura.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.MergedInto;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleRepository;
import io.yagura.plugin.checkpoint.CheckpointPlugin;
import io.yagura.plugin.ciscoasa.CiscoAsaPlugin;
import io.yagura.plugin.ciscofirepower.CiscoFirepowerPlugin;
import io.yagura.plugin.ciscoips.CiscoIpsPlugin;
import io.yagura.plugin.fortinet.FortinetPlugin;
import io.yagura.plugin.ibmgx.IbmGxPlugin;
import io.yagura.plugin.junipersrx.JuniperSrxPlugin;
import io.yagura.plugin.juniperscreenos.JuniperScreenosPlugin;
import io.yagura.plugin.mcafeensp.McafeeNspPlugin;
import io.yagura.plugin.paloalto.PaloaltoPlugin;
import io.yagura.plugin.suricata.SuricataPlugin;
import io.yagura.plugin.waf.WafPlugin;
import io.yagura.plugin.winssniper.WinsSniperPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The labelled story corpus through the real plugins and the real correlation engine with the
 * shipped rules. Every line of every story must be read by its plugin (a story line no plugin
 * reads is a corpus defect); the scores, written to target/scenario-score.md, must not fall
 * below the floors in score-floors.properties (raised as the rules improve, never lowered
 * to let a change through). The floors hold twice: with the lines in the story's order, and with
 * each device's lines in one block, the device that spoke last first, because on a platform each
 * vendor's lines go through their own plugin queue and reach correlation in any order between
 * devices.
 */
class StoryCorpusTest {

    static final Path STORIES = Path.of(System.getProperty("yagura.stories", "stories"));
    static final Path RULES = Path.of(System.getProperty("yagura.rules", "../bundles/correlation/rules"));

    static List<Story> stories;
    static StoryReplay replay;

    @BeforeAll
    static void load() throws IOException {
        stories = Story.loadAll(STORIES);
        RuleLoad rules = RuleRepository.read(RULES);
        assertEquals(List.of(), rules.problems(), "shipped rules load");
        replay = new StoryReplay(List.<VendorPlugin>of(new CiscoAsaPlugin(), new CiscoFirepowerPlugin(),
                new CiscoIpsPlugin(), new JuniperSrxPlugin(), new JuniperScreenosPlugin(), new CheckpointPlugin(),
                new PaloaltoPlugin(), new IbmGxPlugin(), new McafeeNspPlugin(), new WinsSniperPlugin(),
                new FortinetPlugin(), new SuricataPlugin(), new WafPlugin()), rules.ruleSet());
    }

    @TestFactory
    List<DynamicTest> everyStoryLineIsReadByItsPlugin() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Story story : stories) {
            tests.add(DynamicTest.dynamicTest(story.file(), () -> assertEquals(List.of(),
                    replay.replay(story).unreadLines(), story.file() + ": lines not read")));
        }
        return tests;
    }

    @Test
    void scoresStayAtOrAboveTheirFloors() throws IOException {
        CorpusScore score = new CorpusScore();
        for (Story story : stories) {
            score.add(story, replay.replay(story).incidents().stream()
                    .filter(i -> MergedInto.of(i).isEmpty()) // its story goes on in the incident it was merged into
                    .map(Score::of).toList());
        }
        Score all = score.all;
        String report = score.report(stories.size() + " stories in " + STORIES
                + ", replayed in process (real plugins, real correlation engine, shipped rules)");
        // the same stories with each device's lines in one block, the device that spoke last first
        CorpusScore reordered = new CorpusScore();
        for (Story story : stories) {
            reordered.add(story, replay.replayDevicesReversed(story).incidents().stream()
                    .filter(i -> MergedInto.of(i).isEmpty()).map(Score::of).toList());
        }
        report += "\n\n" + reordered.report(stories.size() + " stories, each device's lines in one block, "
                + "the device that spoke last first (as devices' lines may reach correlation on a platform)");
        Path out = Path.of("target", "scenario-score.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);

        Properties floors = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("score-floors.properties"))) {
            floors.load(in);
        }
        double rightFloor = Double.parseDouble(floors.getProperty("right.level.share.min"));
        int missedMax = Integer.parseInt(floors.getProperty("urgent.missed.max"));
        double noticeMax = Double.parseDouble(floors.getProperty("unexpected.notice.share.max"));
        int fragmentedMax = Integer.parseInt(floors.getProperty("fragmented.max"));
        int reversedMissedMax = Integer.parseInt(floors.getProperty("reversed.urgent.missed.max"));
        double reversedNoticeMax = Double.parseDouble(floors.getProperty("reversed.unexpected.notice.share.max"));
        for (Map.Entry<String, Score> run : Map.of("in line order", all, "devices reversed", reordered.all).entrySet()) {
            Score s = run.getValue();
            boolean reversed = s == reordered.all;
            String how = run.getKey() + ": ";
            assertTrue(s.rightShare() >= rightFloor, how + "right level share " + s.rightShare() + " < " + rightFloor
                    + "; see target/scenario-score.md");
            assertTrue(s.missedUrgent.size() <= (reversed ? reversedMissedMax : missedMax),
                    how + "Emergency/Critical missed: " + s.missedUrgent);
            assertTrue(s.unexpectedNoticeShare() <= (reversed ? reversedNoticeMax : noticeMax),
                    how + "unexpected notices: " + s.unexpectedNotices);
            assertTrue(s.fragmented.size() <= fragmentedMax, how + "fragmented: " + s.fragmented);
        }
    }
}
