package io.yagura.console;

import io.yagura.api.incident.Triage;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * What every incident command shares: the triage service (optional, so that the other
 * yagura commands work on a node without the incident store) and errors printed for the
 * operator instead of a stack trace.
 */
abstract class TriageCommand implements Action {

    @Reference(optional = true)
    Triage triage;

    @Override
    public final Object execute() {
        if (triage == null) {
            System.err.println("Incidents are not available on this node (feature yagura-incidents not installed)");
            return null;
        }
        try {
            run();
        } catch (RuntimeException e) {
            System.err.println(failurePrefix() + e.getMessage());
        }
        return null;
    }

    abstract void run();

    /** Printed before an error's message; changing commands say that nothing changed. */
    String failurePrefix() {
        return "Not changed: ";
    }
}
