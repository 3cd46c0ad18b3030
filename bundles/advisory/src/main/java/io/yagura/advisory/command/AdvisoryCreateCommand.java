package io.yagura.advisory.command;

import io.yagura.advisory.AdvisoryService;
import io.yagura.api.advisory.Advisory;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "advisory-create", description = "Writes a security advisory (a draft until "
        + "yagura:advisory-send): severity, affected vendors/products, title and body in Japanese and English.",
        detailedDescription = "Without --vendor and --product it goes to every customer; with them, to the customers "
        + "that have a matching device. Bodies are UTF-8 text files.\n\nExample:\n"
        + "  yagura:advisory-create --severity high --vendor cisco-asa --title-en \"ASA WebVPN flaw\" "
        + "--title-ja \"ASA WebVPN の脆弱性\" --body-en-file /tmp/asa-en.txt --body-ja-file /tmp/asa-ja.txt")
@Service
public class AdvisoryCreateCommand implements Action {

    @Option(name = "--severity", required = true, description = "critical, high, medium, low or info")
    String severity;

    @Option(name = "--vendor", multiValued = true, description = "Affected vendor id (as devices name it), repeatable")
    List<String> vendors;

    @Option(name = "--product", multiValued = true, description = "Affected product (as devices name it), repeatable")
    List<String> products;

    @Option(name = "--title-en", required = true, description = "Title in English")
    String titleEn;

    @Option(name = "--title-ja", required = true, description = "Title in Japanese")
    String titleJa;

    @Option(name = "--body-en-file", required = true, description = "File with the English body (UTF-8)")
    String bodyEnFile;

    @Option(name = "--body-ja-file", required = true, description = "File with the Japanese body (UTF-8)")
    String bodyJaFile;

    @Reference
    AdvisoryService service;

    @Reference(optional = true)
    Session session;

    @Override
    public Object execute() throws CommandException {
        try {
            Advisory a = service.create(severity, vendors, products, Map.of("en", titleEn, "ja", titleJa),
                    Map.of("en", read(bodyEnFile), "ja", read(bodyJaFile)),
                    AdvisoriesCommand.operator(session));
            System.out.println("Advisory " + a.id() + " written (draft). Check its recipients with "
                    + "yagura:advisory-send --dry-run " + a.id());
        } catch (IllegalArgumentException e) {
            throw new CommandException("Not written: " + e.getMessage(), e);
        }
        return null;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
