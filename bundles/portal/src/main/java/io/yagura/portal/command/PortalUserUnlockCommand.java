package io.yagura.portal.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "portal-user-unlock", description = "Unlocks a portal user (locked by an "
        + "administrator or after failed logins).", detailedDescription = "Example:\n  yagura:portal-user-unlock acme-it")
@Service
public class PortalUserUnlockCommand extends PortalUserAction {

    @Argument(index = 0, name = "name", description = "User name", required = true)
    String name;

    @Override
    void run(PrintStream out) {
        accounts.unlock(name, ACTOR);
        out.println("Portal user " + name + " unlocked");
    }
}
