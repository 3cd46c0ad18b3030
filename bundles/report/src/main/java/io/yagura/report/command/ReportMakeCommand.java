package io.yagura.report.command;

import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.report.MonthlyReport;
import io.yagura.report.ReportMaker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "report-make", description = "Makes (or makes again) a customer's monthly PDF report "
        + "and stores it; --mail sends it to the customer's report contacts.",
        detailedDescription = "The month defaults to the last finished one (in the zone of etc/io.yagura.report.cfg).\n\n"
        + "Examples:\n  yagura:report-make acme\n  yagura:report-make --month 2026-11 --mail acme\n"
        + "  yagura:report-make --month 2026-11 --out /tmp/acme-2026-11.pdf acme")
@Service
public class ReportMakeCommand implements Action {

    @Argument(index = 0, name = "customer", required = true, description = "Customer id")
    String customer;

    @Option(name = "--month", description = "Month as YYYY-MM (default: last month)")
    String month;

    @Option(name = "--mail", description = "Mail it to the contacts whose channels include 'report'")
    boolean mail;

    @Option(name = "--out", description = "Also write the PDF to this file")
    String out;

    @Reference
    ReportMaker maker;

    @Reference
    DeviceRegistry registry;

    @Reference
    org.apache.karaf.shell.api.console.Session session;

    @Override
    public Object execute() throws IOException, CommandException {
        YearMonth m;
        try {
            m = month == null ? maker.lastFinishedMonth() : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new CommandException("Not made: --month '" + month + "' is not YYYY-MM", e);
        }
        if (registry.customer(customer).isEmpty()) {
            throw new CommandException("Not made: no customer '" + customer + "' (yagura:customers lists them)");
        }
        String by = session == null ? "console" : "console:" + String.valueOf(session.get("USER"));
        MonthlyReport r;
        try {
            r = maker.make(customer, m, by, mail);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException("Not made: " + e.getMessage(), e);
        }
        System.out.println("Report " + r.id() + " of " + r.customerId() + " for " + r.month() + " (" + r.language() + ", "
                + r.sizeBytes() + " bytes) stored" + (mail ? "; mailed (yagura:reports " + customer + " shows the "
                + "deliveries)" : ""));
        if (out != null) {
            Files.write(Path.of(out), maker.content(r.id()));
            System.out.println("Written to " + out);
        }
        return null;
    }
}
