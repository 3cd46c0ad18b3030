package io.yagura.correlation.engine;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one attacker did to one web server after a web attack alert, and whether it proves the
 * attack worked: the sizes of the answers per path (boolean inference), the durations of its
 * sessions (time-based inference), the bytes the server sent it (data out), the answers of a path
 * flagged as a webshell. Bounded: the last {@link #KEPT} measurements per series, at most
 * {@link #MAX_PATHS} paths. Not thread-safe: {@link WebAttackTracker} holds the lock.
 */
final class WebAttackPair {

    static final int KEPT = 16;
    static final int MAX_PATHS = 32;
    /** Bytes a true and a false page may differ by within one class (a reflected parameter). */
    static final long SIZE_SLACK = 32;
    /** Timer noise inside one duration class, and the least gap between classes (ms). */
    static final long DURATION_SLACK_MS = 500;
    static final long DURATION_GAP_MS = 2_000;
    /** A response this close to the injected delay counts as having waited for it. */
    static final double DELAY_MARGIN = 0.9;

    /** The kinds of proof, as written in yagura.web_success. */
    enum Kind {
        BOOLEAN_INFERENCE, TIME_INFERENCE, DATA_OUT, WEBSHELL;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A proof found on one event: its kind and the sentence naming the evidence. */
    record Proof(Kind kind, String evidence) {
    }

    /** The last measurements of one series, oldest first. */
    static final class Samples {
        final long[] values = new long[KEPT];
        int count;

        void add(long v) {
            if (count == KEPT) {
                System.arraycopy(values, 1, values, 0, KEPT - 1);
                count--;
            }
            values[count++] = v;
        }

        int distinct() {
            return (int) java.util.Arrays.stream(values, 0, count).distinct().count();
        }
    }

    final String attacker;
    final String server;
    long lastAttack = Long.MIN_VALUE;
    private long delayMillis;
    private boolean sqlInjection;
    private int slowAnswers;
    private long bytesOut;
    private String lastRequest;
    private final Samples durations = new Samples();
    private final Map<String, Samples> sizes = bounded();
    private final Map<String, Samples> webshells = bounded();
    private final Set<Kind> proven = EnumSet.noneOf(Kind.class);

    WebAttackPair(String attacker, String server) {
        this.attacker = attacker;
        this.server = server;
    }

    /** A web attack alert of this attacker on this server: what it asked for, what it flagged. */
    void attacked(SecurityEvent alert, long t) {
        lastAttack = Math.max(lastAttack, t);
        delayMillis = Math.max(delayMillis, InjectedDelay.millis(alert.getString(Ecs.URL_ORIGINAL)));
        sqlInjection |= WebRequests.sqlInjection(alert);
        String path = WebRequests.path(alert);
        if (path != null && WebRequests.webshell(alert)) {
            webshells.computeIfAbsent(path, p -> new Samples());
        }
    }

    /** The first proof not yet given that this event completes, or null. */
    Proof evidence(SecurityEvent e, WebEvidenceSettings s) {
        boolean fromAttacker = attacker.equals(e.getString(Ecs.SOURCE_IP));
        Proof answer = null;
        Proof slow = null;
        if (fromAttacker) {
            delayMillis = Math.max(delayMillis, InjectedDelay.millis(e.getString(Ecs.URL_ORIGINAL)));
            answer = answer(e, s);
            slow = duration(e, s);
        }
        Proof out = dataOut(e, fromAttacker, s); // every series sees the event, the first new proof is told
        for (Proof p : new Proof[] {answer, slow, out}) {
            if (p != null && proven.add(p.kind())) {
                return p;
            }
        }
        return null;
    }

    /** An answered request: its size joins its path's series; a flagged path's answers are counted. */
    private Proof answer(SecurityEvent e, WebEvidenceSettings s) {
        Long size = e.getLong(Ecs.HTTP_RESPONSE_BODY_BYTES);
        if (size == null) {
            size = e.getLong(Ecs.HTTP_RESPONSE_BYTES); // headers included: they vary far less than the answers
        }
        String path = WebRequests.path(e);
        if (size == null || path == null || !WebRequests.answered(e)) {
            return null;
        }
        String request = e.getString(Ecs.SOURCE_PORT) + ' ' + e.getString(Ecs.URL_ORIGINAL);
        if (e.has(Ecs.SOURCE_PORT) && request.equals(lastRequest)) {
            return null; // one request logged twice (an IDS writes its alert and its HTTP record)
        }
        lastRequest = request;
        Samples shell = webshells.get(path);
        if (shell != null) {
            shell.add(size);
            if (shell.count >= s.webshellAnswers() && shell.distinct() >= 2 && !proven.contains(Kind.WEBSHELL)) {
                return new Proof(Kind.WEBSHELL, "The path " + path + " on " + server + ", flagged as a webshell, "
                        + "answered " + attacker + "'s requests " + shell.count + " times normally with "
                        + shell.distinct() + " different sizes (" + bytes(size) + " last): the shell runs the "
                        + "attacker's commands.");
            }
        }
        Samples series = sizes.computeIfAbsent(path, p -> new Samples());
        series.add(size);
        if (series.count < s.inferenceRequests() || proven.contains(Kind.BOOLEAN_INFERENCE)) {
            return null;
        }
        TwoClasses.Split split = TwoClasses.of(series.values, series.count, s.classTolerance(), SIZE_SLACK,
                SIZE_SLACK + 1);
        if (split == null) {
            return null;
        }
        return new Proof(Kind.BOOLEAN_INFERENCE, "Blind injection by boolean inference: the last " + series.count
                + " answered requests of " + attacker + " to " + path + " on " + server
                + " came back in exactly two sizes (" + split.lowCount() + " of about " + bytes(split.lowMedian())
                + ", " + split.highCount() + " of about " + bytes(split.highMedian())
                + "), the true and false pages of an inference that works.");
    }

    /** A session of the attacker that lasted as long as the injected delay, or bimodal durations. */
    private Proof duration(SecurityEvent e, WebEvidenceSettings s) {
        Long nanos = e.getLong(Ecs.EVENT_DURATION);
        if (nanos == null || nanos < 0 || proven.contains(Kind.TIME_INFERENCE)) {
            return null;
        }
        long ms = nanos / 1_000_000;
        if (delayMillis > 0 && ms >= Math.round(delayMillis * DELAY_MARGIN)) {
            slowAnswers++;
            if (slowAnswers >= s.delayRepeats()) {
                return new Proof(Kind.TIME_INFERENCE, "Time-based blind injection: " + slowAnswers + " sessions of "
                        + attacker + " to " + server + " lasted at least the " + seconds(delayMillis)
                        + " the injected delay asked for (the last " + seconds(ms) + "): the database ran it.");
            }
            return null;
        }
        if (!sqlInjection) {
            return null; // bimodal durations alone are keep-alive habits; after SQL injection they are answers
        }
        durations.add(ms);
        if (durations.count < s.inferenceRequests()) {
            return null;
        }
        TwoClasses.Split split = TwoClasses.of(durations.values, durations.count, s.classTolerance(),
                DURATION_SLACK_MS, DURATION_GAP_MS);
        return split == null ? null : new Proof(Kind.TIME_INFERENCE, "Time-based blind injection: the last "
                + durations.count + " sessions of " + attacker + " to " + server + " after SQL injection alerts "
                + "took one of two durations (" + split.lowCount() + " about " + seconds(split.lowMedian()) + ", "
                + split.highCount() + " about " + seconds(split.highMedian()) + "): the answers wait on a condition.");
    }

    /** Bytes the server sent the attacker: its own sessions to it, and its answers in the attacker's sessions. */
    private Proof dataOut(SecurityEvent e, boolean fromAttacker, WebEvidenceSettings s) {
        if (!Ecs.KIND_EVENT.equals(e.getString(Ecs.EVENT_KIND)) || WebRequests.blocked(e)) {
            return null;
        }
        Long sent = e.getLong(fromAttacker ? Ecs.DESTINATION_BYTES : Ecs.SOURCE_BYTES);
        if (sent == null || sent <= 0) {
            return null;
        }
        bytesOut += sent;
        if (bytesOut < s.dataOutBytes()) {
            return null;
        }
        return new Proof(Kind.DATA_OUT, "Data out after the web attack: " + server + " sent " + bytes(bytesOut)
                + " to the attacker " + attacker + " within " + human(s.window()) + " of its attack (threshold "
                + bytes(s.dataOutBytes()) + "; last " + EventText.describe(e) + ").");
    }

    private static Map<String, Samples> bounded() {
        return new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Samples> eldest) {
                return size() > MAX_PATHS;
            }
        };
    }

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d bytes", n);
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String human(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
