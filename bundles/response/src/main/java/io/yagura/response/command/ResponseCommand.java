package io.yagura.response.command;

import io.yagura.api.incident.IncidentStore.ConcurrentChangeException;
import io.yagura.response.BlockService;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.ShellUtil;

/**
 * What the response commands share: the block service (optional, so that a node without the
 * feature says so instead of failing), the operator's name for the audit, and errors printed
 * for the operator instead of a stack trace.
 */
abstract class ResponseCommand implements Action {

    /** A session without a JAAS login (a test container's console, a script). */
    static final String UNAUTHENTICATED = "console";

    @Reference(optional = true)
    BlockService blocks;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public final Object execute() {
        if (blocks == null) {
            err.println("Emergency response is not available on this node (feature yagura-response not installed)");
            return null;
        }
        try {
            run();
        } catch (IllegalArgumentException | IllegalStateException | ConcurrentChangeException e) {
            err.println(failurePrefix() + e.getMessage());
        }
        return null;
    }

    abstract void run();

    /** Printed before an error's message; changing commands say that nothing changed. */
    String failurePrefix() {
        return "Not changed: ";
    }

    static String operator() {
        String user = ShellUtil.getCurrentUserName();
        return user == null || user.isBlank() ? UNAUTHENTICATED : user;
    }
}
