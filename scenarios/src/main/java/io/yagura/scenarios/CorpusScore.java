package io.yagura.scenarios;

import java.util.List;

/**
 * The scores of a whole corpus: all stories, the tuning set and the holdout set (which no rule
 * is tuned on), and the one report both StoryCorpusTest (in process) and ScoreStories (against
 * a running platform) print.
 */
public final class CorpusScore {

    public final Score all = new Score();
    public final Score tuning = new Score();
    public final Score holdout = new Score();

    /** Adds one story's incidents as rated. */
    public void add(Story story, List<Score.Rated> incidents) {
        (Story.HOLDOUT.equals(story.set()) ? holdout : tuning).add(story, incidents);
        all.add(story, incidents);
    }

    /** The report as Markdown; {@code where} says what was scored (stories and how they were replayed). */
    public String report(String where) {
        return "# Attack story corpus: expected versus rated\n\n" + where + "\n\n" + all.report("All stories") + "\n"
                + tuning.report("Tuning set") + "\n" + holdout.report("Holdout set (no rule is tuned on it)");
    }
}
