package io.yagura.console;

import io.yagura.api.incident.Triage;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;

/**
 * What every incident command shares: the triage service (optional, so that the other
 * yagura commands work on a node without the incident store) and errors printed for the
 * operator (a refusal, not a stack trace, and a non-zero exit code through bin/client).
 */
abstract class TriageCommand implements Action {

    @Reference(optional = true)
    Triage triage;

    @Override
    public final Object execute() throws CommandException {
        if (triage == null) {
            throw new CommandException("Incidents are not available on this node (feature yagura-incidents not installed)");
        }
        try {
            run();
        } catch (RuntimeException e) {
            throw new CommandException(failurePrefix() + e.getMessage(), e);
        }
        return null;
    }

    abstract void run() throws CommandException;

    /** Printed before an error's message; changing commands say that nothing changed. */
    String failurePrefix() {
        return "Not changed: ";
    }
}
