package io.yagura.portal.command;

import io.yagura.portal.account.PortalUser;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "portal-users", description = "Lists the portal users: role, customer, mail, "
        + "whether a password is set, lock.", detailedDescription = "Examples:\n  yagura:portal-users\n"
        + "  yagura:portal-users --customer acme")
@Service
public class PortalUsersCommand extends PortalUserAction {

    @Option(name = "--customer", description = "Only this customer's users")
    String customer;

    @Override
    void run(PrintStream out) {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"User", "Role", "Customer", "Mail", "Password set", "Locked"}) {
            table.column(c);
        }
        for (PortalUser u : customer == null ? accounts.list() : accounts.list(customer)) {
            table.addRow().addContent(u.name(), u.role(), u.customerId() == null ? "" : u.customerId(), u.mail(),
                    u.hasPassword() ? "yes" : "no", u.disabled() ? "by an administrator"
                            : u.lockedUntil() != null ? "until " + u.lockedUntil() : "");
        }
        table.print(out);
    }
}
