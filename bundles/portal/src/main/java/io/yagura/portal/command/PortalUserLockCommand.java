package io.yagura.portal.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "portal-user-lock", description = "Locks a portal user until unlocked and ends its "
        + "sessions at once.", detailedDescription = "Example:\n  yagura:portal-user-lock acme-it")
@Service
public class PortalUserLockCommand extends PortalUserAction {

    @Argument(index = 0, name = "name", description = "User name", required = true)
    String name;

    @Override
    void run(PrintStream out) {
        accounts.lock(name, ACTOR);
        out.println("Portal user " + name + " locked; " + logout(name) + " session(s) ended");
    }
}
