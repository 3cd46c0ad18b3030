package io.yagura.templates.freemarker;

import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateProblem;
import io.yagura.templates.TemplateService;
import io.yagura.templates.TemplateSource;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "templates", description = "Lists the templates of every channel, where each comes "
        + "from (bundled default or operator file), and the problems found when they were loaded.",
        detailedDescription = "Operator files live in etc/yagura/templates/<language>/<area>/ (docs/templates.md). "
        + "A file with a problem is not used: the bundled default is, and the problem is listed here with its file "
        + "and line.\n\nExamples:\n  yagura:templates\n  yagura:templates --reload\n  yagura:templates --area mail")
@Service
public class TemplatesCommand implements Action {

    @Option(name = "--reload", description = "Read every template again first")
    boolean reload;

    @Option(name = "--area", description = "Only this area (mail, ...)")
    String area;

    @Reference(optional = true)
    TemplateService templates;

    @Override
    public Object execute() throws CommandException {
        if (templates == null) {
            throw new CommandException("No template service on this node (feature yagura-notify-mail brings it)");
        }
        print(System.out);
        return null;
    }

    void print(PrintStream out) {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Area", "Template", "Language", "Source"}) {
            table.column(c);
        }
        int problems = 0;
        for (TemplateCatalogue c : templates.catalogues()) {
            if (area != null && !area.equals(c.area())) {
                continue;
            }
            if (reload) {
                c.reload();
            }
            for (TemplateSource s : c.sources()) {
                table.addRow().addContent(s.area(), s.name(), s.language(), s.override() ? s.file() : "bundled");
            }
            problems += c.problems().size();
        }
        table.print(out);
        out.println(problems == 0 ? "No problems (operator directory " + templates.directory() + ")"
                : problems + " problem(s), each file named is not used:");
        for (TemplateCatalogue c : templates.catalogues()) {
            if (area == null || area.equals(c.area())) {
                for (TemplateProblem p : c.problems()) {
                    out.println("  " + p);
                }
            }
        }
    }
}
