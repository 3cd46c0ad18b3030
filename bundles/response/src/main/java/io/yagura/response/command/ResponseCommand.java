package io.yagura.response.command;

import io.yagura.api.incident.IncidentStore.ConcurrentChangeException;
import io.yagura.response.BlockService;
import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.ShellUtil;

/**
 * What the response commands share: the block service (optional, so that a node without the
 * feature says so instead of failing), the operator's name for the audit, and errors the operator
 * sees instead of a stack trace (a refusal, with a non-zero exit code through bin/client).
 */
abstract class ResponseCommand implements Action {

    /** A session without a JAAS login (a test container's console, a script). */
    static final String UNAUTHENTICATED = "console";

    @Reference(optional = true)
    BlockService blocks;

    PrintStream out = System.out;

    @Override
    public final Object execute() throws CommandException {
        if (blocks == null) {
            throw new CommandException("Emergency response is not available on this node (feature yagura-response "
                    + "not installed)");
        }
        try {
            run();
        } catch (IllegalArgumentException | IllegalStateException | ConcurrentChangeException e) {
            throw new CommandException(failurePrefix() + e.getMessage(), e);
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
