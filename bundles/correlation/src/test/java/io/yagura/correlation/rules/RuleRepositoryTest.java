package io.yagura.correlation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a rule directory, reporting problems per file, reloading and swapping safely. */
class RuleRepositoryTest {

    @TempDir
    Path dir;

    @Test
    void loadsEveryYamlFileBelowTheDirectoryAndReportsProblemsPerFile() throws Exception {
        Files.writeString(dir.resolve("a.yml"), RuleValidationTest.GOOD_1);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.yaml"), RuleValidationTest.GOOD_2 + "---\ntitle: x\nid: x\n");
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/c.yml"), "garbage: [");
        RuleRepository repo = new RuleRepository(dir);
        RuleLoad load = repo.reload();
        assertEquals(2, load.ruleSet().size(), "rules from a.yml and sub/b.yaml");
        assertEquals(1, load.problems().size(), load.problems().toString());
        RuleProblem p = load.problems().get(0);
        assertEquals("sub/b.yaml", p.file(), "file relative to the directory");
        assertEquals(8, p.line(), "line of the broken document");
        assertSame(load.ruleSet(), repo.current());
        assertEquals(load.problems(), repo.problems());
    }

    @Test
    void reloadSwapsTheRuleSetAndTellsListeners() throws Exception {
        Files.writeString(dir.resolve("a.yml"), RuleValidationTest.GOOD_1);
        RuleRepository repo = new RuleRepository(dir);
        AtomicReference<RuleSet> told = new AtomicReference<>();
        repo.addListener(told::set);
        RuleSet first = repo.reload().ruleSet();
        assertEquals(1, first.size());
        Files.writeString(dir.resolve("b.yml"), RuleValidationTest.GOOD_2);
        RuleSet second = repo.reload().ruleSet();
        assertEquals(2, second.size());
        assertSame(second, told.get(), "listener got the new set");
        assertEquals(1, first.size(), "the old set is unchanged (immutable)");
    }

    @Test
    void reloadIfChangedReadsOnlyWhenAFileWasAddedChangedOrRemoved() throws Exception {
        Path a = dir.resolve("a.yml");
        Files.writeString(a, RuleValidationTest.GOOD_1);
        RuleRepository repo = new RuleRepository(dir);
        List<RuleSet> told = new ArrayList<>();
        repo.addListener(told::add);
        assertTrue(repo.reloadIfChanged().isPresent(), "first call loads");
        assertTrue(repo.reloadIfChanged().isEmpty(), "nothing changed: not read again");
        assertEquals(1, told.size(), "listeners (the engine) not told again");

        Files.writeString(dir.resolve("b.yml"), RuleValidationTest.GOOD_2);
        assertEquals(2, repo.reloadIfChanged().orElseThrow().ruleSet().size(), "a file added");
        Files.writeString(a, RuleValidationTest.GOOD_1 + "\n# edited\n");
        assertTrue(repo.reloadIfChanged().isPresent(), "a file changed");
        Files.delete(dir.resolve("b.yml"));
        assertEquals(1, repo.reloadIfChanged().orElseThrow().ruleSet().size(), "a file removed");
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        assertTrue(repo.reloadIfChanged().isEmpty(), "other files do not count");
        assertEquals(4, told.size());
    }

    @Test
    void readersNeverSeeAHalfLoadedSet() throws Exception {
        Files.writeString(dir.resolve("a.yml"), RuleValidationTest.GOOD_1 + "---\n" + RuleValidationTest.GOOD_2);
        RuleRepository repo = new RuleRepository(dir);
        repo.reload();
        AtomicBoolean stop = new AtomicBoolean();
        List<String> errors = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                int n = repo.current().size();
                if (n != 2) {
                    synchronized (errors) {
                        errors.add("saw " + n + " rules");
                    }
                }
            }
        });
        reader.start();
        for (int i = 0; i < 50; i++) {
            repo.reload();
        }
        stop.set(true);
        reader.join();
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void missingDirectoryIsAProblemNotAnError() {
        RuleLoad load = new RuleRepository(dir.resolve("absent")).reload();
        assertEquals(0, load.ruleSet().size());
        assertEquals(0, load.problems().get(0).line());
        assertTrue(load.problems().get(0).message().contains("does not exist"));
    }
}
