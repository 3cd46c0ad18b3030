package io.yagura.console;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.RegistryException;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;

/**
 * What every registry command shares: the registry, a refusal the operator sees (nothing was
 * changed, and why; a non-zero exit code through bin/client), and an audit entry for every change made.
 */
abstract class RegistryCommand implements Action {

    @Reference
    DeviceRegistry registry;

    /** Where changes are audited; optional so that a node without the store still reads the registry. */
    @Reference(optional = true)
    IncidentStore store;

    @Override
    public final Object execute() throws CommandException {
        try {
            run();
        } catch (RegistryException | IllegalArgumentException e) {
            throw new CommandException("Not changed: " + e.getMessage(), e);
        }
        return null;
    }

    abstract void run() throws RegistryException, CommandException;

    /** Records a change made by the logged-in operator. */
    void audit(String action, String subject, String detail) {
        if (store != null) {
            store.audit(new AuditEntry(Instant.now(), Operator.name(), action, subject, detail));
        }
    }

    Customer existingCustomer(String id) throws RegistryException {
        return registry.customer(id).orElseThrow(() -> new RegistryException("no customer with id '" + id
                + "' (yagura:customers lists them)"));
    }
}
