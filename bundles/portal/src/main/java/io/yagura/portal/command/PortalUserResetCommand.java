package io.yagura.portal.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "portal-user-reset", description = "Sends a portal user a new link to set its "
        + "password (the old password works until the new one is set).",
        detailedDescription = "Examples:\n  yagura:portal-user-reset acme-it\n  yagura:portal-user-reset --print-link admin")
@Service
public class PortalUserResetCommand extends PortalUserAction {

    @Option(name = "--print-link", description = "Print the link instead of mailing it")
    boolean printLink;

    @Argument(index = 0, name = "name", description = "User name", required = true)
    String name;

    @Override
    void run(PrintStream out) {
        link(name, printLink, out);
    }
}
