package io.yagura.loadgen;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Yagura's load generator: sends syslog lines to the ingest listener at a given rate over
 * TCP or UDP, while draining yagura.events and counting the normalized events in it (each
 * broker message carries its batch size in the property yaguraCount). It reports the send
 * rate, the end-to-end rate, and how many events are missing at the end.
 *
 * <pre>
 * java -jar tools/loadgen/target/yagura-loadgen.jar --lines 600000 --rate 25000 \
 *      --target tcp://127.0.0.1:5514 --broker amqp://127.0.0.1:5672
 * </pre>
 *
 * With --attacks N, N of the lines are IPS alerts from distinct attackers, and the time to each
 * attacker's incident being announced on yagura.incidents is measured. With --emergencies each
 * alert is followed 200 ms to 1 s later by the attacked host's connection back to the attacker,
 * which the shipped rules rate Emergency; with --smtp-port P the generator also runs an SMTP
 * server on P and measures, per attack, the time from sending that callback line to the server
 * accepting the Emergency mail that names the attacker. With --invite-log FILE (the message log of
 * a SIPp callee that the platform's phone channel calls) it measures, per attack, the time from
 * that callback line to SIPp receiving the INVITE of the Emergency's first call (SIPp's own time
 * stamp); the INVITE's Subject names the incident, and the incident's announcement its attackers.
 */
public final class LoadGenerator {

    private String target = "tcp://127.0.0.1:5514";
    private String broker = "amqp://127.0.0.1:5672";
    private String user = "yagura";
    private String password = "yagura";
    private long lines = 100_000;
    private long rate = 20_000;
    private int connections = 2;
    private Path file;
    private boolean count = true;
    private long drainSeconds = 60;
    private int attacks;
    private boolean emergencies;
    private String smtpHost = "127.0.0.1";
    private int smtpPort = -1;
    private Path inviteLogFile;
    private long callbackMinMillis = 200;
    private long callbackMaxMillis = 1000;
    private final long runOffset = new java.util.Random().nextInt(100_000);
    /** attacker address → nanoTime its IPS alert line was written to the socket. */
    private final Map<String, Long> attackSent = new ConcurrentHashMap<>();
    /** attacker → nanoTime of the first announcement of its incident on yagura.incidents. */
    private final Map<String, Long> attackOpened = new ConcurrentHashMap<>();
    /** attacker → nanoTime the victim's callback line (the Emergency's evidence) was written. */
    private final Map<String, Long> callbackSent = new ConcurrentHashMap<>();
    /** attacker → nanoTime of the first announcement of its incident at level EMERGENCY. */
    private final Map<String, Long> emergencyAnnounced = new ConcurrentHashMap<>();
    /** attacker → nanoTime the SMTP server accepted the first Emergency mail naming it. */
    private final Map<String, Long> mailAccepted = new ConcurrentHashMap<>();
    private final AtomicLong mailsAccepted = new AtomicLong();
    private final AtomicLong mailsNotEmergency = new AtomicLong();
    private final AtomicLong mailsUnmatched = new AtomicLong();
    /** incident id → its attackers, from the announcements on yagura.incidents (the INVITE names the incident). */
    private final Map<String, Set<String>> incidentAttackers = new ConcurrentHashMap<>();
    private InviteLog inviteLog;
    private final List<InviteLog.Invite> invites = new ArrayList<>();
    /** attacker → nanoTime SIPp received the first INVITE of an Emergency call about its incident. */
    private final Map<String, Long> inviteReceived = new ConcurrentHashMap<>();
    /** SIPp stamps wall-clock time: this pair turns it into this process's nanoTime (same host, same clock). */
    private final long clockNanos = System.nanoTime();
    private final Instant clockWall = Instant.now();
    /** The phone channel's INVITE Subject: "Yagura LEVEL INCIDENT-ID". */
    private static final Pattern SUBJECT = Pattern.compile("Yagura (\\S+) (\\S+)");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,3}){3})(?!\\.?\\d)");

    public static void main(String[] args) throws Exception {
        LoadGenerator g = new LoadGenerator();
        g.parse(args);
        System.exit(g.run() ? 0 : 1);
    }

    private void parse(String[] args) throws IOException {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--target" -> target = args[++i];
                case "--broker" -> broker = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--lines" -> lines = Long.parseLong(args[++i]);
                case "--rate" -> rate = Long.parseLong(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--no-count" -> count = false;
                case "--drain-seconds" -> drainSeconds = Long.parseLong(args[++i]);
                case "--attacks" -> attacks = Integer.parseInt(args[++i]);
                case "--emergencies" -> emergencies = true;
                case "--callback-delay-ms" -> {
                    String[] range = args[++i].split("-");
                    callbackMinMillis = Long.parseLong(range[0]);
                    callbackMaxMillis = Long.parseLong(range[range.length - 1]);
                }
                case "--smtp-port" -> {
                    smtpPort = Integer.parseInt(args[++i]);
                    emergencies = true;
                }
                case "--smtp-host" -> smtpHost = args[++i];
                case "--invite-log" -> {
                    inviteLogFile = Path.of(args[++i]);
                    emergencies = true;
                }
                case "-h", "--help" -> {
                    System.out.println("""
                        usage: yagura-loadgen [--target tcp://host:port | udp://host:port] [--lines N]
                                              [--rate LINES_PER_SECOND (0: as fast as possible)] [--connections N]
                                              [--file LINES_FILE] [--broker amqp://host:port --user U --password P]
                                              [--no-count] [--drain-seconds S] [--attacks N]
                                              [--emergencies] [--callback-delay-ms MIN-MAX]
                                              [--smtp-port P [--smtp-host ADDRESS]] [--invite-log FILE]
                        Sends ASA deny lines (or the lines of --file, '#' lines skipped, repeated) and counts the
                        normalized events arriving on yagura.events. Drain yagura.events only on a test platform:
                        the events are consumed. With --attacks N, N of the lines are IPS alerts from distinct
                        attackers (198.18.0.0/15) and the time from sending each to its incident being stored
                        and announced on yagura.incidents is measured (p50/p99); then correlation consumes
                        yagura.events, so use --no-count.
                        With --emergencies, each alert targets its own host of the demo customer (192.168.0.0/16)
                        and is followed after a random 200-1000 ms (--callback-delay-ms) by that host's outbound
                        connection to the attacker (302013), which makes the incident an Emergency; the time from
                        that callback line to the Emergency being announced is measured too.
                        --smtp-port P (implies --emergencies) runs an SMTP server on ADDRESS:P (default 127.0.0.1)
                        for the platform's mail channel and measures, per attack, the callback line sent -> the
                        Emergency mail naming the attacker accepted by the server (p50/p95/p99/max, missing ones
                        listed); exits non-zero if a mail is missing.
                        --invite-log FILE (implies --emergencies) reads the message log of a SIPp callee the platform's
                        phone channel calls (sipp -trace_msg -message_file FILE) and measures, per attack, the callback
                        line sent -> SIPp received the INVITE of the Emergency's first call (SIPp's time stamp; the
                        Subject "Yagura EMERGENCY <incident>" names the incident, its announcement the attackers);
                        p50/p95/p99/max, missing calls listed; exits non-zero if a call is missing.""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
        }
        if (!target.startsWith("tcp://") && !target.startsWith("udp://")) {
            throw new IllegalArgumentException("--target must be tcp://host:port or udp://host:port");
        }
        if (emergencies && attacks <= 0) {
            throw new IllegalArgumentException("--emergencies, --smtp-port and --invite-log need --attacks N");
        }
        if (callbackMinMillis < 0 || callbackMaxMillis < callbackMinMillis) {
            throw new IllegalArgumentException("--callback-delay-ms MIN-MAX with 0 <= MIN <= MAX");
        }
    }

    private List<byte[]> templates() throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (file != null) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return out;
        }
        return null;
    }

    private static byte[] syntheticLine(long seq) {
        // Composed from the ASA message guide's 106023 format; ports carry the sequence.
        return ("<164>Nov 27 2026 10:00:00 loadgen-asa : %ASA-4-106023: Deny tcp src outside:203.0.113."
                + (seq % 250 + 1) + "/" + (1024 + seq % 60000) + " dst inside:10.0." + (seq / 250 % 250) + "."
                + (seq % 200 + 1) + "/443 by access-group \"outside_in\" [0x0, 0x0]\n").getBytes(StandardCharsets.US_ASCII);
    }

    private boolean run() throws Exception {
        List<byte[]> fromFile = templates();
        AtomicLong events = new AtomicLong();
        AtomicLong firstEventNanos = new AtomicLong();
        AtomicLong lastEventNanos = new AtomicLong();
        Connection jms = null;
        if (count) {
            jms = new JmsConnectionFactory(user, password, broker).createConnection();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("yagura.events"));
            consumer.setMessageListener(m -> {
                long n = batchSize(m);
                firstEventNanos.compareAndSet(0, System.nanoTime());
                events.addAndGet(n);
                lastEventNanos.set(System.nanoTime());
            });
            jms.start();
            // Drain what earlier runs left, until the queue has been quiet for 2 seconds.
            long drained = 0;
            do {
                drained += events.getAndSet(0);
                Thread.sleep(2000);
            } while (events.get() > 0);
            if (drained > 0) {
                System.out.printf("drained %d events left from earlier runs%n", drained);
            }
            firstEventNanos.set(0);
        }
        MailSink smtp = null;
        if (smtpPort >= 0) {
            smtp = new MailSink(smtpHost, smtpPort, this::mailAccepted);
            System.out.printf("SMTP server listening on %s:%d%n", smtpHost, smtpPort);
        }
        if (inviteLogFile != null) {
            inviteLog = new InviteLog(inviteLogFile, ZoneId.systemDefault());
            // Calls of earlier runs (a warm-up) are not this run's.
            int earlier = inviteLog.readAll().size();
            System.out.printf("reading the INVITEs SIPp received from %s (%d INVITEs of earlier runs skipped)%n",
                    inviteLogFile, earlier);
        }
        Connection incidentsConnection = null;
        if (attacks > 0) {
            incidentsConnection = new JmsConnectionFactory(user, password, broker).createConnection();
            Session s = incidentsConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // A non-durable subscription of the multicast address: gone when the generator exits.
            MessageConsumer c = s.createConsumer(s.createTopic("yagura.incidents"));
            c.setMessageListener(m -> {
                try {
                    long now = System.nanoTime();
                    String attackers = m.getStringProperty("yaguraAttackers");
                    boolean emergency = "EMERGENCY".equals(m.getStringProperty("yaguraLevel"));
                    String incident = m.getStringProperty("yaguraIncident");
                    if (attackers != null && incident != null) {
                        incidentAttackers.computeIfAbsent(incident, k -> ConcurrentHashMap.newKeySet())
                                .addAll(List.of(attackers.split(",")));
                    }
                    if (attackers != null) {
                        for (String a : attackers.split(",")) {
                            attackOpened.putIfAbsent(a, now);
                            if (emergency) {
                                emergencyAnnounced.putIfAbsent(a, now);
                            }
                        }
                    }
                } catch (JMSException e) {
                    // a malformed announcement does not stop the measurement
                }
            });
            incidentsConnection.start();
            Thread.sleep(1000);
        }
        long perConnection = lines / connections;
        List<Thread> senders = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            long first = c * perConnection;
            long n = c == connections - 1 ? lines - first : perConnection;
            Thread t = new Thread(() -> send(first, n, rate / connections, fromFile, sent), "sender-" + c);
            t.start();
            senders.add(t);
        }
        for (Thread t : senders) {
            t.join();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "sent %d lines in %.2f s: %.0f lines/s over %s (%d connection(s))%n",
                sent.get(), sendSeconds, sent.get() / sendSeconds, target, connections);
        if (attacks > 0) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
            while (!everythingArrived(smtp != null) && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            incidentsConnection.close();
            if (smtp != null) {
                smtp.close();
            }
            if (inviteLog != null) {
                invites.addAll(inviteLog.readAll());
                joinInvites();
            }
            reportLatencies();
        }
        boolean mailsComplete = (smtp == null || mailAccepted.keySet().containsAll(callbackSent.keySet()))
                && (inviteLog == null || inviteReceived.keySet().containsAll(callbackSent.keySet()));
        if (!count) {
            return mailsComplete;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
        long expected = fromFile == null ? lines : -1;
        while (System.nanoTime() < deadline && (expected < 0 || events.get() < expected)) {
            long before = events.get();
            Thread.sleep(2000);
            if (expected < 0 && events.get() == before) {
                break;
            }
        }
        jms.close();
        double seconds = (lastEventNanos.get() - start) / 1e9;
        System.out.printf(Locale.ROOT, "received %d normalized events; last one %.2f s after the first line: "
                + "%.0f events/s end to end%n", events.get(), seconds, events.get() / seconds);
        if (expected >= 0) {
            long missing = expected - events.get();
            System.out.printf("missing events: %d%n", missing);
            return missing == 0 && mailsComplete;
        }
        return mailsComplete;
    }

    private boolean everythingArrived(boolean mails) throws IOException {
        if (inviteLog != null) {
            invites.addAll(inviteLog.read());
            joinInvites();
        }
        return attackOpened.keySet().containsAll(attackSent.keySet())
                && emergencyAnnounced.keySet().containsAll(callbackSent.keySet())
                && (!mails || mailAccepted.keySet().containsAll(callbackSent.keySet()))
                && (inviteLog == null || inviteReceived.keySet().containsAll(callbackSent.keySet()));
    }

    /** What the INVITEs read so far say: which calls are this run's Emergencies, and the first call per attacker. */
    private InviteCounts joinInvites() {
        Set<String> calls = new LinkedHashSet<>();
        Set<String> notEmergency = new LinkedHashSet<>();
        Set<String> unmatched = new LinkedHashSet<>();
        for (InviteLog.Invite invite : invites) {
            calls.add(invite.callId());
            Matcher m = SUBJECT.matcher(invite.subject());
            Set<String> attackers = m.matches() ? incidentAttackers.get(m.group(2)) : null;
            List<String> ours = attackers == null ? List.of()
                    : attackers.stream().filter(callbackSent::containsKey).toList();
            if (ours.isEmpty()) {
                unmatched.add(invite.callId());
            } else if (!"EMERGENCY".equals(m.group(1))) {
                notEmergency.add(invite.callId());
            } else {
                long received = clockNanos + Duration.between(clockWall, invite.received()).toNanos();
                for (String attacker : ours) {
                    inviteReceived.merge(attacker, received, Math::min); // a retransmission or a later round is not the first
                }
            }
        }
        return new InviteCounts(invites.size(), calls.size(), notEmergency.size(), unmatched.size());
    }

    /** INVITEs read (retransmissions too), calls (Call-IDs), and calls not counted: not Emergency, not this run's. */
    private record InviteCounts(int invites, int calls, int notEmergency, int unmatched) {
    }

    /** Called by the SMTP server for each accepted mail: which attack (if any) it tells about. */
    private void mailAccepted(MailSink.Mail mail) {
        mailsAccepted.incrementAndGet();
        String subject = mail.subject();
        // Subject "[Yagura][EMERGENCY] ..." (English, level.code) or "[Yagura][緊急] ..." (Japanese).
        boolean emergency = subject.toUpperCase(Locale.ROOT).contains("EMERGENCY") || subject.contains("緊急");
        Set<String> named = new LinkedHashSet<>();
        Matcher m = IPV4.matcher(subject + "\n" + mail.text());
        while (m.find()) {
            if (attackSent.containsKey(m.group(1))) {
                named.add(m.group(1));
            }
        }
        if (named.isEmpty()) {
            mailsUnmatched.incrementAndGet();
        } else if (!emergency) {
            mailsNotEmergency.incrementAndGet();
        } else {
            for (String attacker : named) {
                mailAccepted.putIfAbsent(attacker, mail.acceptedNanos());
            }
        }
    }

    private void reportLatencies() {
        List<Long> millis = new ArrayList<>();
        for (var e : attackSent.entrySet()) {
            Long opened = attackOpened.get(e.getKey());
            if (opened != null) {
                millis.add((opened - e.getValue()) / 1_000_000);
            }
        }
        millis.sort(null);
        System.out.printf("attack lines sent: %d; incidents announced: %d; missing: %d%n", attackSent.size(),
                millis.size(), attackSent.size() - millis.size());
        if (!millis.isEmpty()) {
            System.out.printf("line sent -> incident stored and announced: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    pct(millis, 50), pct(millis, 95), pct(millis, 99), millis.get(millis.size() - 1));
        }
        if (emergencies) {
            report("callback sent -> Emergency stored and announced", "Emergencies announced", emergencyAnnounced, null);
        }
        if (smtpPort >= 0) {
            List<Long> mails = report("callback sent -> Emergency mail accepted by the SMTP server",
                    "Emergency mails accepted", mailAccepted, "missing Emergency mails");
            System.out.printf("mails accepted by the SMTP server: %d (Emergency mails of this run: %d; of this run's "
                    + "attackers but not Emergency: %d; about other incidents: %d)%n", mailsAccepted.get(),
                    mailAccepted.size(), mailsNotEmergency.get(), mailsUnmatched.get());
            if (!mails.isEmpty()) {
                long within = mails.stream().filter(ms -> ms <= 2000).count();
                System.out.printf(Locale.ROOT, "Emergency mails accepted within 2 s of the callback: %d of %d sent "
                        + "(%.1f%%)%n", within, callbackSent.size(), 100.0 * within / callbackSent.size());
            }
        }
        if (inviteLog != null) {
            List<Long> calls = report("callback sent -> Emergency call's INVITE received by SIPp",
                    "Emergency calls received by SIPp", inviteReceived, "missing Emergency calls");
            // The phone channel's own share: from the stored, announced Emergency to the INVITE at the callee.
            List<Long> phone = new ArrayList<>();
            inviteReceived.forEach((attacker, at) -> {
                Long announced = emergencyAnnounced.get(attacker);
                if (announced != null) {
                    phone.add((at - announced) / 1_000_000);
                }
            });
            phone.sort(null);
            if (!phone.isEmpty()) {
                System.out.printf("Emergency announced -> its call's INVITE received by SIPp: p50 %d ms, p95 %d ms, "
                        + "p99 %d ms, max %d ms%n", pct(phone, 50), pct(phone, 95), pct(phone, 99),
                        phone.get(phone.size() - 1));
            }
            InviteCounts counts = joinInvites();
            System.out.printf("INVITEs received by SIPp: %d in %d call(s) (first calls of this run's Emergencies: %d; "
                    + "calls about this run's attackers but not Emergency: %d; about other incidents: %d)%n",
                    counts.invites(), counts.calls(), inviteReceived.size(), counts.notEmergency(), counts.unmatched());
            if (!calls.isEmpty()) {
                long within = calls.stream().filter(ms -> ms <= 5000).count();
                System.out.printf(Locale.ROOT, "Emergency calls whose INVITE SIPp received within 5 s of the callback: "
                        + "%d of %d sent (%.1f%%)%n", within, callbackSent.size(), 100.0 * within / callbackSent.size());
            }
        }
    }

    /**
     * Prints count, missing and percentiles of callback sent → arrival; returns the sorted latencies.
     *
     * @param missingTitle the title of the list of attackers without an arrival; null: not listed
     */
    private List<Long> report(String what, String arrivedLabel, Map<String, Long> arrived, String missingTitle) {
        List<Long> millis = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (var e : callbackSent.entrySet()) {
            Long at = arrived.get(e.getKey());
            if (at != null) {
                millis.add((at - e.getValue()) / 1_000_000);
            } else {
                missing.add(e.getKey());
            }
        }
        millis.sort(null);
        System.out.printf("callback lines sent: %d; %s: %d; missing: %d%n", callbackSent.size(), arrivedLabel,
                millis.size(), missing.size());
        if (!millis.isEmpty()) {
            System.out.printf("%s: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", what,
                    pct(millis, 50), pct(millis, 95), pct(millis, 99), millis.get(millis.size() - 1));
        }
        if (missingTitle != null && !missing.isEmpty()) {
            missing.sort(null);
            System.out.println(missingTitle + " (attacker whose callback was sent; was its incident announced "
                    + "as Emergency?):");
            for (String a : missing) {
                System.out.printf("  %s (Emergency announced: %s)%n", a, emergencyAnnounced.containsKey(a) ? "yes" : "no");
            }
        }
        return millis;
    }

    private static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static long batchSize(Message m) {
        try {
            return m.propertyExists("yaguraCount") ? m.getLongProperty("yaguraCount") : 1;
        } catch (JMSException e) {
            return 1;
        }
    }

    /** A victim's connection back to its attacker, due at a given nanoTime. */
    private record Callback(long due, long k, String attacker, String victim) {
    }

    @FunctionalInterface
    private interface LineOut {
        void write(byte[] line) throws IOException;
    }

    private void send(long first, long n, long linesPerSecond, List<byte[]> fromFile, AtomicLong sent) {
        String hostPort = target.substring(6);
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
        boolean udp = target.startsWith("udp://");
        try (Socket tcp = udp ? null : new Socket(address.getAddress(), address.getPort());
             DatagramSocket datagrams = udp ? new DatagramSocket() : null) {
            OutputStream out = udp ? null : new BufferedOutputStream(tcp.getOutputStream(), 1 << 16);
            LineOut lineOut = udp ? line -> datagrams.send(new DatagramPacket(line, line.length, address)) : out::write;
            PriorityQueue<Callback> callbacks = new PriorityQueue<>(Comparator.comparingLong(Callback::due));
            Random random = new Random(runOffset + first);
            long step = Math.max(1, lines / Math.max(1, attacks));
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) {
                long seq = first + i;
                if (!callbacks.isEmpty()) {
                    sendDueCallbacks(callbacks, lineOut, out, sent);
                }
                byte[] line = fromFile == null ? syntheticLine(seq) : fromFile.get((int) (seq % fromFile.size()));
                String attacker = null;
                String victim = null;
                long k = 0;
                if (attacks > 0 && seq % step == 0) {
                    // distinct attackers in 198.18.0.0/15, different on each run (a repeat would only
                    // update the incident of an earlier run)
                    k = runOffset + seq / step;
                    attacker = "198." + (18 + k / 62500) + "." + (k / 250 % 250) + "." + (k % 250 + 1);
                    // Emergencies: one victim per attack inside the demo customer's 192.168.0.0/16.
                    victim = emergencies ? "192.168." + (k / 250 % 250) + "." + (k % 250 + 1) : "10.0.0.5";
                    line = ("<164>%ASA-4-400032: IPS:4051 UDP Snork attack from " + attacker
                            + " to " + victim + " on interface outside\n").getBytes(StandardCharsets.US_ASCII);
                }
                lineOut.write(line);
                if (attacker != null) {
                    if (out != null) {
                        out.flush();
                    }
                    long now = System.nanoTime();
                    attackSent.put(attacker, now);
                    if (emergencies) {
                        long delay = callbackMinMillis + (callbackMaxMillis > callbackMinMillis
                                ? random.nextLong(callbackMaxMillis - callbackMinMillis + 1) : 0);
                        callbacks.add(new Callback(now + TimeUnit.MILLISECONDS.toNanos(delay), k, attacker, victim));
                    }
                }
                sent.incrementAndGet();
                if (linesPerSecond > 0 && i % 100 == 99) {
                    // Pace in steps of 100 lines: sleep until this line is due.
                    long due = start + (i + 1) * 1_000_000_000L / linesPerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        if (out != null) {
                            out.flush();
                        }
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            if (out != null) {
                out.flush();
            }
            // Callbacks of the last attacks come after the background load.
            while (!callbacks.isEmpty()) {
                long wait = callbacks.peek().due() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                sendDueCallbacks(callbacks, lineOut, out, sent);
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Sends the callbacks that are due, each flushed at once; their send time starts the mail's clock. */
    private void sendDueCallbacks(PriorityQueue<Callback> callbacks, LineOut lineOut, OutputStream out, AtomicLong sent)
            throws IOException {
        long now = System.nanoTime();
        while (!callbacks.isEmpty() && callbacks.peek().due() <= now) {
            Callback c = callbacks.poll();
            // 302013 outbound: the victim (inside) connects to the attacker's port 4444 (outside),
            // composed like the AsaScenarioTest and IncidentsIT callback.
            byte[] line = ("<166>%ASA-6-302013: Built outbound TCP connection " + (800_000 + c.k()) + " for outside:"
                    + c.attacker() + "/4444 (" + c.attacker() + "/4444) to inside:" + c.victim()
                    + "/50433 (198.51.100.5/50433)\n").getBytes(StandardCharsets.US_ASCII);
            lineOut.write(line);
            if (out != null) {
                out.flush();
            }
            callbackSent.put(c.attacker(), System.nanoTime());
            sent.incrementAndGet();
        }
    }
}
