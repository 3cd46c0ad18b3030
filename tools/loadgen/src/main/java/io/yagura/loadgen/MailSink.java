package io.yagura.loadgen;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A real SMTP server (GreenMail) inside the load generator that notes the moment each mail is
 * accepted: GreenMail delivers a mail to its recipients' mailboxes just before it answers
 * "250 OK" to the end of DATA, and the delivery handler below runs first, so the time taken
 * there is the time the server accepts the mail (to well under a millisecond).
 */
final class MailSink implements AutoCloseable {

    /** One accepted mail: System.nanoTime() of its acceptance, decoded subject and text. */
    record Mail(long acceptedNanos, String subject, String text) {
    }

    private final GreenMail greenMail;

    /**
     * Runs on its own until killed, printing one line per accepted mail (its subject), for scripts
     * that count the mails a platform sent (tools/two-nodes.sh).
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: MailSink HOST PORT");
            System.exit(2);
        }
        try (MailSink sink = new MailSink(args[0], Integer.parseInt(args[1]),
                mail -> System.out.println("mail accepted: " + mail.subject()))) {
            System.out.printf("SMTP server listening on %s:%s%n", args[0], args[1]);
            Thread.currentThread().join();
        }
    }

    MailSink(String host, int port, Consumer<Mail> listener) {
        greenMail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        UserManager users = greenMail.getUserManager();
        MessageDeliveryHandler store = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            long now = System.nanoTime();
            // Called once per recipient: count a mail once, at its first recipient.
            if (!message.getToAddresses().isEmpty() && message.getToAddresses().get(0).getEmail().equalsIgnoreCase(address.getEmail())) {
                try {
                    var mime = message.getMessage();
                    listener.accept(new Mail(now, String.valueOf(mime.getSubject()), text(mime)));
                } catch (Exception e) {
                    // never refuse a mail because the generator could not read it
                    listener.accept(new Mail(now, "(unreadable: " + e + ")", ""));
                }
            }
            return store.handle(message, address);
        });
    }

    private static String text(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof Multipart multi) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < multi.getCount(); i++) {
                b.append(text(multi.getBodyPart(i))).append('\n');
            }
            return b.toString();
        }
        if (content instanceof InputStream in) {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return "";
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
