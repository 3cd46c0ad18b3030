package io.yagura.correlation.house;

import io.yagura.api.archive.EventArchive;
import io.yagura.api.plugin.VendorPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "jsig-test", description = "Replays a house rule alone on the attack stories it "
        + "claims (must catch each), the benign stories (must stay quiet) and the event archive (shows what it would "
        + "have opened); the result is kept with the rule's current version.",
        detailedDescription = "Examples:\n  yagura:jsig-test jsig_outbound_smb\n"
        + "  yagura:jsig-test --story /tmp/smb-attack.yaml --from 7d --customer acme jsig_outbound_smb")
@Service
public class JsigTestCommand extends JsigCommand.JsigIdCommand {

    @Option(name = "--stories", description = "directory of labelled stories (relative to etc/)")
    String stories = "yagura/stories";

    @Option(name = "--story", multiValued = true, description = "an attack story file the rule must catch, "
            + "besides those it claims (yagura: {stories: [...]})")
    List<String> extraStories;

    @Option(name = "--from", description = "archive replay start: ISO time or an age (24h, 7d); default 24h")
    String from = "24h";

    @Option(name = "--to", description = "archive replay end: ISO time or an age; default now")
    String to;

    @Option(name = "--customer", description = "replay one customer's archived events only")
    String customer;

    @Reference(optional = true)
    List<VendorPlugin> plugins;

    @Reference(optional = true)
    EventArchive archive;

    @Override
    void run(HouseRules rules) throws IOException {
        HouseRuleText rule = HouseRuleText.parse(id, rules.current(id).text());
        Path dir = Paths.get(System.getProperty("karaf.etc", "etc")).resolve(stories);
        Set<Path> attacks = new LinkedHashSet<>();
        rule.claimedStories().forEach(s -> attacks.add(dir.resolve(s)));
        if (extraStories != null) {
            extraStories.forEach(s -> attacks.add(Path.of(s)));
        }
        List<StoryEvents> replayed = new ArrayList<>();
        for (Path p : attacks) {
            StoryEvents s = StoryEvents.read(p, this::plugin);
            replayed.add(new StoryEvents(s.name(), true, s.networks(), s.events())); // claimed: an attack sample
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    if (!attacks.contains(p)) {
                        StoryEvents s = StoryEvents.read(p, this::plugin);
                        if (!s.attack()) {
                            replayed.add(s); // benign: the rule must stay quiet
                        }
                    }
                }
            }
        }
        Instant end = to == null ? Instant.now() : time(to);
        HouseRuleReplay.Result result = new HouseRuleReplay(rule).run(replayed, archive == null ? null
                : sink -> archive.replay(Optional.ofNullable(customer), time(from), end, sink));
        System.out.println(result.report() + (archive == null ? "No event archive on this node: not replayed.\n" : ""));
        rules.recordTest(id, result.passed(), result.report(), who());
    }

    private VendorPlugin plugin(String vendorId) {
        return plugins == null ? null : plugins.stream().filter(p -> p.vendorId().equals(vendorId)).findFirst()
                .orElse(null);
    }

    /** An ISO time, or an age before now such as 24h or 7d. */
    static Instant time(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration age = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return Instant.now().minus(age);
            }
            return Instant.parse(t);
        } catch (RuntimeException e) {
            throw new HouseRuleException("'" + text + "' is neither an ISO time (2026-12-05T10:00:00Z) nor an age "
                    + "(30m, 24h, 7d)");
        }
    }
}
