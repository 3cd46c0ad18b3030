package io.yagura.console;

import io.yagura.api.Queues;
import io.yagura.api.event.DeadLetter;
import io.yagura.wire.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "deadletters", description = "Shows the newest lines in yagura.deadletter with "
        + "the reason each could not be processed (the queue is only browsed, nothing is removed).",
        detailedDescription = "Examples:\n  yagura:deadletters\n  yagura:deadletters -n 100 --full")
@Service
public class DeadLettersCommand implements Action {

    private static final int MAX_BROWSED = 100_000;

    @Option(name = "-n", description = "How many (default 20)")
    int count = 20;

    @Option(name = "--full", description = "Do not shorten the raw lines")
    boolean full;

    @Reference
    ConnectionFactory broker;

    @Override
    public Object execute() throws Exception {
        Deque<DeadLetter> newest = new ArrayDeque<>();
        Deque<String> foreign = new ArrayDeque<>();
        int browsed = 0;
        // The broker's connection is shared (closing it does nothing): close session and browser.
        try (Connection c = broker.createConnection();
             Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = s.createBrowser(s.createQueue(Queues.DEAD_LETTER))) {
            c.start();
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && browsed++ < MAX_BROWSED) {
                Message m = (Message) messages.nextElement();
                try {
                    if (!(m instanceof BytesMessage b)) {
                        throw new Wire.WireFormatException("not a bytes message", null);
                    }
                    byte[] body = new byte[(int) b.getBodyLength()];
                    b.readBytes(body);
                    for (DeadLetter d : Wire.readDeadLetters(body)) {
                        newest.addLast(d);
                        if (newest.size() > count) {
                            newest.removeFirst();
                        }
                    }
                } catch (RuntimeException notADeadLetterBatch) {
                    // a message the broker dead-lettered after failed deliveries
                    foreign.addLast(String.valueOf(m.getStringProperty("_AMQ_ORIG_ADDRESS")));
                }
            }
        }
        ShellTable table = new ShellTable();
        table.column("Received");
        table.column("Stage");
        table.column("Plugin");
        table.column("Source");
        table.column("Reason");
        table.column("Line");
        for (DeadLetter d : newest) {
            String raw = d.envelope() == null || d.envelope().raw() == null ? "" : d.envelope().raw();
            table.addRow().addContent(
                    d.envelope() == null ? "" : Instant.ofEpochMilli(d.envelope().receivedAt()).toString(),
                    d.stage(), d.plugin() == null ? "" : d.plugin(),
                    d.envelope() == null || d.envelope().source() == null ? "" : d.envelope().source(),
                    d.reason(), full ? raw : shorten(raw));
        }
        table.print(System.out);
        if (!foreign.isEmpty()) {
            System.out.println(foreign.size() + " message(s) dead-lettered by the broker after repeated delivery "
                    + "failures, from: " + String.join(", ", new java.util.TreeSet<>(foreign)));
        }
        return null;
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }
}
