package io.yagura.scenarios;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.format.net.Network;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Expected versus rated incidents over a set of stories: the confusion table of levels, the
 * Emergencies and Criticals missed, notices (Emergency and Critical are phoned and mailed) about
 * incidents nobody expected, and stories split into several incidents.
 */
public final class Score {

    /**
     * An incident as rated, whether it comes from the in-process engine ({@link #of(Incident)}) or
     * from a running platform's console (ScoreStories): what the score compares.
     */
    public record Rated(Level level, String title, List<String> attackers, List<String> targets, List<String> rules) {
    }

    public static Rated of(Incident i) {
        return new Rated(i.level(), i.title(), i.attackers(), i.targets(), i.rules());
    }


    /** Rated level of an expected incident that was never opened. */
    static final String NONE = "none";

    private final Map<Level, Map<String, Integer>> table = new EnumMap<>(Level.class);
    public final List<String> wrongLevel = new ArrayList<>();
    public final List<String> missedUrgent = new ArrayList<>();
    public final List<String> fragmented = new ArrayList<>();
    public final List<String> unexpectedNotices = new ArrayList<>();
    int expectedCount;
    int rightLevel;
    int notices;

    /** Adds one story's outcome. */
    public void add(Story story, List<Rated> incidents) {
        List<Rated> unmatched = new ArrayList<>(incidents);
        for (Story.Expected x : story.expected()) {
            expectedCount++;
            List<Rated> matching = incidents.stream().filter(i -> matches(x, i)).toList();
            unmatched.removeAll(matching);
            Level rated = matching.stream().map(Rated::level).min(Enum::compareTo).orElse(null);
            table.computeIfAbsent(x.level(), l -> new java.util.TreeMap<>())
                    .merge(rated == null ? NONE : rated.name(), 1, Integer::sum);
            String what = story.file() + ": " + x.level() + " " + x.attacker() + " -> " + x.target();
            if (x.level() == rated) {
                rightLevel++;
            } else {
                wrongLevel.add(what + " rated " + (rated == null ? NONE : rated) + summary(matching));
            }
            if ((x.level() == Level.EMERGENCY || x.level() == Level.CRITICAL)
                    && (rated == null || rated.compareTo(x.level()) > 0)) {
                missedUrgent.add(what + " rated " + (rated == null ? NONE : rated));
            }
            if (matching.size() > 1) {
                fragmented.add(what + " split into " + matching.size() + " incidents" + summary(matching));
            }
        }
        for (Rated i : incidents) {
            if (urgent(i.level())) {
                notices++;
                if (unmatched.contains(i)) {
                    unexpectedNotices.add(story.file() + ": " + i.level() + " " + i.title() + " " + i.attackers()
                            + " -> " + i.targets());
                }
            }
        }
        for (Rated i : unmatched) {
            if (!urgent(i.level()) && i.level() != Level.LOW && story.expected().isEmpty()) {
                // a benign story may open Low incidents at most
                wrongLevel.add(story.file() + ": benign story opened " + i.level() + " " + i.title() + summary(List.of(i)));
            }
        }
    }

    public double rightShare() {
        return expectedCount == 0 ? 1 : (double) rightLevel / expectedCount;
    }

    public double unexpectedNoticeShare() {
        return notices == 0 ? 0 : (double) unexpectedNotices.size() / notices;
    }

    private static boolean urgent(Level l) {
        return l == Level.EMERGENCY || l == Level.CRITICAL;
    }

    static boolean matches(Story.Expected x, Rated i) {
        if (x.attacker() != null && !i.attackers().contains(x.attacker())) {
            return false;
        }
        if (x.target() == null) {
            return true;
        }
        if (x.target().contains("/")) {
            Network n = Network.of(x.target());
            return i.targets().stream().anyMatch(n::contains);
        }
        return i.targets().contains(x.target());
    }

    private static String summary(List<Rated> incidents) {
        StringBuilder s = new StringBuilder();
        for (Rated i : incidents) {
            s.append("\n      ").append(i.level()).append(' ').append(i.title()).append(' ').append(i.attackers())
                    .append(" -> ").append(i.targets()).append(" rules ").append(i.rules());
        }
        return s.toString();
    }

    /** The report as Markdown: the confusion table and the lists behind the figures. */
    public String report(String heading) {
        StringBuilder s = new StringBuilder("### ").append(heading).append("\n\n");
        s.append(String.format(Locale.ROOT, "- incidents at the right level: %d of %d (%.0f%%)%n", rightLevel,
                expectedCount, 100 * rightShare()));
        s.append("- Emergency/Critical missed (not opened or rated lower): ").append(missedUrgent.size()).append('\n');
        s.append(String.format(Locale.ROOT, "- phone/mail notices about unexpected incidents: %d of %d (%.0f%%)%n",
                unexpectedNotices.size(), notices, 100 * unexpectedNoticeShare()));
        s.append("- stories split into several incidents: ").append(fragmented.size()).append("\n\n");
        s.append("| expected \\ rated |");
        List<String> columns = new ArrayList<>();
        for (Level l : Level.values()) {
            columns.add(l.name());
        }
        columns.add(NONE);
        columns.forEach(c -> s.append(' ').append(c.toLowerCase(Locale.ROOT)).append(" |"));
        s.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        for (Level expected : Level.values()) {
            Map<String, Integer> row = table.getOrDefault(expected, Map.of());
            s.append("| ").append(expected.name().toLowerCase(Locale.ROOT)).append(" |");
            columns.forEach(c -> s.append(' ').append(row.getOrDefault(c, 0)).append(" |"));
            s.append('\n');
        }
        appendList(s, "Wrong level", wrongLevel);
        appendList(s, "Emergency/Critical missed", missedUrgent);
        appendList(s, "Notices nobody expected", unexpectedNotices);
        appendList(s, "Fragmented", fragmented);
        return s.toString();
    }

    private static void appendList(StringBuilder s, String title, List<String> items) {
        if (!items.isEmpty()) {
            s.append("\n").append(title).append(":\n\n");
            items.forEach(i -> s.append("- ").append(i.replace("\n", "\n  ")).append('\n'));
        }
    }
}
