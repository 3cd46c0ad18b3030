package io.yagura.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Triage;
import io.yagura.api.notify.Acknowledgements;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** yagura:incident-reached records the analyst's acknowledgement once, and refuses what it cannot do. */
class IncidentReachedCommandTest {

    /** First one wins, as the store keeps it; every call recorded. */
    static final class FirstAcknowledgement implements Acknowledgements {
        final List<Acknowledgement> calls = new ArrayList<>();

        @Override
        public Acknowledgement acknowledge(String incidentId, String customerId, String by, String channel, String detail) {
            calls.add(new Acknowledgement(incidentId, customerId, by, channel, detail, Instant.now()));
            return calls.get(0);
        }

        @Override
        public Optional<Acknowledgement> find(String incidentId) {
            return calls.stream().filter(a -> a.incidentId().equals(incidentId)).findFirst();
        }
    }

    final FirstAcknowledgement acks = new FirstAcknowledgement();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout;

    @BeforeEach
    void capture() {
        stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
    }

    private static Triage triage() {
        return (Triage) Proxy.newProxyInstance(Triage.class.getClassLoader(), new Class<?>[] {Triage.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("show")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (!"INC-1".equals(args[0])) {
                        throw new Triage.TriageException("No incident " + args[0]);
                    }
                    Incident i = Incident.builder().id("INC-1").customerId("acme").key("k").proposedLevel(Level.EMERGENCY)
                            .title("t").attackers(List.of()).targets(List.of()).rules(List.of()).rationale(List.of())
                            .references(List.of()).build();
                    return new Triage.Dossier(i, List.of(), List.of(), List.of());
                });
    }

    private IncidentReachedCommand command(String id, String note) {
        IncidentReachedCommand c = new IncidentReachedCommand();
        c.triage = triage();
        c.acknowledgements = acks;
        c.id = id;
        c.note = note;
        return c;
    }

    @Test
    void recordsTheAnalystsAcknowledgementForTheIncidentsCustomer() throws Exception {
        command("INC-1", "  Tanaka (CISO) called back  ").execute();

        assertEquals(1, acks.calls.size());
        Acknowledgements.Acknowledgement a = acks.calls.get(0);
        assertEquals("acme", a.customerId());
        assertEquals("analyst", a.channel());
        assertEquals(Operator.UNAUTHENTICATED, a.by());
        assertEquals("Tanaka (CISO) called back", a.detail());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("INC-1 acknowledged by console (analyst)") && printed.contains("escalation stops"), printed);
    }

    @Test
    void aSecondAcknowledgementIsRefusedAndNamesTheFirst() throws Exception {
        acks.acknowledge("INC-1", "acme", "+81312345678", "phone", "digit 1");

        CommandException e = assertThrows(CommandException.class, () -> command("INC-1", null).execute());

        assertTrue(e.getMessage().contains("already acknowledged by +81312345678 (phone)"), e.getMessage());
        assertEquals(1, acks.calls.size());
    }

    @Test
    void anUnknownIncidentOrANodeWithoutTheStoreIsRefused() {
        CommandException unknown = assertThrows(CommandException.class, () -> command("INC-9", null).execute());
        assertTrue(unknown.getMessage().contains("Not acknowledged: No incident INC-9"), unknown.getMessage());

        IncidentReachedCommand withoutStore = command("INC-1", null);
        withoutStore.acknowledgements = null;
        CommandException missing = assertThrows(CommandException.class, withoutStore::execute);
        assertTrue(missing.getMessage().contains("not available on this node"), missing.getMessage());
        assertTrue(acks.calls.isEmpty());
    }
}
