package io.yagura.templates.freemarker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** yagura:templates: where each template comes from, and the problems with file and line. */
class TemplatesCommandTest {

    @TempDir
    Path etc;

    private String run(TemplatesCommand command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsSourcesAndProblemsAndReloadsOnRequest() throws Exception {
        FreemarkerTemplates service = new FreemarkerTemplates(etc);
        service.open(FreemarkerCatalogueTest.DEMO);
        TemplatesCommand command = new TemplatesCommand();
        command.templates = service;

        String clean = run(command);
        assertTrue(clean.contains("demo") && clean.contains("notice") && clean.contains("bundled"), clean);
        assertTrue(clean.contains("No problems (operator directory " + etc + ")"), clean);

        Path file = etc.resolve("ja/demo/notice.ftl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "通知 ${incident.nope}\n");
        assertTrue(run(command).contains("No problems"), "not read again without --reload");

        command.reload = true;
        String reloaded = run(command);
        assertTrue(reloaded.contains("1 problem(s), each file named is not used:\n  " + file
                + ":1:6: unknown name or no value: ${incident.nope}"), reloaded);
    }
}
