package io.yagura.portal.command;

import io.yagura.portal.account.AccountException;
import io.yagura.portal.account.PortalUser;
import io.yagura.portal.account.Role;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "portal-user-add", description = "Creates a portal user and sends it the link to "
        + "set its password.",
        detailedDescription = "A user is SOC staff (--soc: sees every customer, triages) or belongs to one customer "
        + "(--customer ID: sees only that customer). The link is mailed (valid 24 h, once); --print-link prints it "
        + "here instead, e.g. for the first administrator before mail is set up.\n\nExamples:\n"
        + "  yagura:portal-user-add --soc --mail soc-lead@example.net --print-link admin\n"
        + "  yagura:portal-user-add --customer acme --mail it@acme.example --language ja acme-it")
@Service
public class PortalUserAddCommand extends PortalUserAction {

    @Option(name = "--soc", description = "SOC staff")
    boolean soc;

    @Option(name = "--customer", description = "The customer the user belongs to")
    String customer;

    @Option(name = "--mail", description = "The user's mail address (the link goes there)", required = true)
    String mail;

    @Option(name = "--language", description = "ja or en (default en)")
    String language = "en";

    @Option(name = "--print-link", description = "Print the link instead of mailing it")
    boolean printLink;

    @Argument(index = 0, name = "name", description = "User name", required = true)
    String name;

    @Override
    void run(PrintStream out) {
        if (soc == (customer != null)) {
            throw new AccountException("give either --soc or --customer ID");
        }
        PortalUser u = accounts.add(name, soc ? Role.SOC : Role.CUSTOMER, customer, mail, language, ACTOR);
        out.println("Portal user " + u.name() + " created (" + (soc ? "SOC" : "customer " + customer) + ")");
        link(name, printLink, out);
    }
}
