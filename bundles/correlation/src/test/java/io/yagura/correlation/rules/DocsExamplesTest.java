package io.yagura.correlation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The complete rule examples in docs/rules.md (YAML blocks starting with "title:") load cleanly. */
class DocsExamplesTest {

    @Test
    void completeExamplesInTheRuleGuideLoad() throws Exception {
        String doc = Files.readString(Path.of("../../docs/rules.md"));
        Matcher m = Pattern.compile("```yaml\\n(title:.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertTrue(blocks.size() >= 2, "examples found: " + blocks.size());
        for (String b : blocks) {
            RuleLoad load = RuleSet.parse("rules.md", b);
            assertEquals(List.of(), load.problems(), b);
            assertTrue(load.ruleSet().size() >= 1);
        }
        RuleLoad syntax = RuleSet.parse("asa.yml", "title: Bad\nid: bad\ndetection:\n  sel: [unclosed\n  condition: sel\n");
        System.out.println("example YAML syntax problem: " + syntax.problems().get(0));
    }
}
