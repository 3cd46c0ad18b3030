package io.yagura.report.command;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.report.MonthlyReport;
import io.yagura.report.JdbcReportStore;
import io.yagura.report.ReportDelivery;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "reports", description = "Lists the stored monthly reports (all customers, or one) "
        + "with their mail deliveries.",
        detailedDescription = "Examples:\n  yagura:reports\n  yagura:reports acme")
@Service
public class ReportsCommand implements Action {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    @Argument(index = 0, name = "customer", required = false, description = "Customer id")
    String customer;

    @Reference
    JdbcReportStore store;

    @Reference
    DeviceRegistry registry;

    @Override
    public Object execute() throws CommandException {
        if (customer != null && registry.customer(customer).isEmpty()) {
            throw new CommandException("No customer '" + customer + "' (yagura:customers lists them)");
        }
        List<String> ids = customer != null ? List.of(customer)
                : registry.customers().stream().map(Customer::id).sorted().toList();
        List<MonthlyReport> reports = new ArrayList<>();
        ids.forEach(id -> reports.addAll(store.list(id)));
        reports.sort(Comparator.comparing(MonthlyReport::month).reversed().thenComparing(MonthlyReport::customerId));
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Customer");
        table.column("Month");
        table.column("Lang");
        table.column("Bytes").alignRight();
        table.column("Made");
        table.column("By");
        table.column("Mail");
        for (MonthlyReport r : reports) {
            table.addRow().addContent(r.id(), r.customerId(), r.month(), r.language(), r.sizeBytes(),
                    TIME.format(r.createdAt()), r.createdBy(), deliveries(store.deliveries(r.id())));
        }
        table.print(System.out);
        return null;
    }

    /** "ops@acme.example delivered; boss@acme.example failed x2 (550 ...)". */
    static String deliveries(List<ReportDelivery> tries) {
        if (tries.isEmpty()) {
            return "-";
        }
        List<String> out = new ArrayList<>();
        tries.stream().map(ReportDelivery::address).distinct().forEach(a -> {
            List<ReportDelivery> t = tries.stream().filter(d -> d.address().equals(a)).toList();
            ReportDelivery last = t.get(t.size() - 1);
            out.add(a + " " + last.outcome() + (t.size() > 1 ? " x" + t.size() : "")
                    + (ReportDelivery.FAILED.equals(last.outcome()) ? " (" + last.answer() + ")" : ""));
        });
        return String.join("; ", out);
    }
}
