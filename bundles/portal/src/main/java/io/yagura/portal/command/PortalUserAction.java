package io.yagura.portal.command;

import io.yagura.portal.account.AccountException;
import io.yagura.portal.account.PortalAccounts;
import io.yagura.portal.account.PortalSessions;
import io.yagura.portal.live.LiveFeed;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;

/** What the yagura:portal-user* commands share: the services, and a refusal the operator sees (a non-zero exit code). */
abstract class PortalUserAction implements Action {

    static final String ACTOR = "console";

    @Reference
    PortalAccounts accounts;

    @Reference
    PortalSessions sessions;

    @Reference
    LiveFeed feed;

    @Override
    public Object execute() throws CommandException {
        try {
            run(System.out);
        } catch (AccountException e) {
            throw new CommandException(e.getMessage(), e);
        }
        return null;
    }

    abstract void run(PrintStream out);

    /** Mails a set-password link, or prints it when asked (first admin, no mail server yet). */
    void link(String name, boolean print, PrintStream out) {
        PortalAccounts.Link link = accounts.sendLink(name, !print, ACTOR);
        if (print) {
            out.println("Link to set the password of " + name + " (once, until " + link.expires() + "):");
            out.println(link.url());
        } else {
            out.println("Link to set the password mailed to " + accounts.find(name).orElseThrow().mail()
                    + " (valid until " + link.expires() + ")");
        }
    }

    /** Ends the user's sessions and closes its live streams. */
    int logout(String name) {
        feed.hub().closeUser(name);
        return sessions.endAllOf(name);
    }
}
