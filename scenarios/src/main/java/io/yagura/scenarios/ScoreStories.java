package io.yagura.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.incident.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays the story corpus into a running Yagura and scores what it made of it: one customer
 * per story (its networks) and one device per story device, each with its own loopback source
 * address, registered with {@code yagura:registry-import}; each story's lines sent in order over
 * TCP syslog (LF framing) from its device's address; once the incidents stop changing, each
 * customer's incidents read with {@code yagura:incidents --json} and scored as StoryCorpusTest
 * scores the in-process replay. Run by tools/score-stories.sh.
 *
 * <p>Arguments: {@code <stories dir> <report file> <console command...>}; system properties
 * {@code syslog.host} (127.0.0.1), {@code syslog.port} (5514), {@code quiet.seconds} (30: how
 * long the incidents must stay unchanged), {@code wait.seconds} (900), {@code prefix} (a run id
 * for the customer ids, default: the time).
 */
public final class ScoreStories {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Story> stories;
    private final List<String> console;
    private final String prefix;

    ScoreStories(List<Story> stories, List<String> console, String prefix) {
        this.stories = stories;
        this.console = console;
        this.prefix = prefix;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ScoreStories <stories dir> <report file> <console command...>");
            System.exit(2);
        }
        List<Story> stories = Story.loadAll(Path.of(args[0]));
        String prefix = System.getProperty("prefix", "s" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36));
        ScoreStories run = new ScoreStories(stories, List.of(args).subList(2, args.length), prefix);
        run.register();
        int sent = run.send(System.getProperty("syslog.host", "127.0.0.1"), Integer.getInteger("syslog.port", 5514));
        System.out.println("sent " + sent + " lines of " + stories.size() + " stories; waiting for correlation to settle");
        Map<Story, List<Score.Rated>> rated = run.awaitQuiet(Duration.ofSeconds(Integer.getInteger("quiet.seconds", 30)),
                Duration.ofSeconds(Integer.getInteger("wait.seconds", 900)));
        CorpusScore score = new CorpusScore();
        stories.forEach(s -> score.add(s, rated.get(s)));
        String report = score.report(stories.size() + " stories in " + args[0] + ", " + sent
                + " lines sent over TCP syslog to a running Yagura (real ingest, plugins, correlation and store) on "
                + Instant.now() + "; customers " + prefix + "-*");
        Files.writeString(Path.of(args[1]), report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    String customerId(int story) {
        return String.format(Locale.ROOT, "%s-%02d", prefix, story);
    }

    /** The loopback address of device {@code device} of story {@code story}: 127.77.&lt;story&gt;.&lt;device+1&gt;. */
    static String address(int story, int device) {
        return "127.77." + story + "." + (device + 1);
    }

    /** One customer per story, one device per story device, imported in one all-or-nothing registry import. */
    void register() throws IOException, InterruptedException {
        StringBuilder customers = new StringBuilder("customers:\n");
        StringBuilder devices = new StringBuilder("devices:\n");
        for (int s = 0; s < stories.size(); s++) {
            Story story = stories.get(s);
            customers.append("  - id: ").append(customerId(s)).append("\n    name: ").append(JSON.writeValueAsString(story.file()))
                    .append("\n    networks: ").append(JSON.writeValueAsString(story.networks())).append('\n');
            int d = 0;
            for (Map.Entry<String, String> device : story.devices().entrySet()) {
                devices.append("  - id: ").append(customerId(s)).append('-').append(device.getKey())
                        .append("\n    customer: ").append(customerId(s)).append("\n    vendor: ").append(device.getValue())
                        .append("\n    timeZone: UTC\n    addresses: [").append(address(s, d++)).append("]\n");
            }
        }
        Path file = Files.createTempFile("yagura-stories-", ".yaml");
        Files.writeString(file, customers + devices.toString(), StandardCharsets.UTF_8);
        String out = console("yagura:registry-import " + file.toAbsolutePath());
        if (!out.contains("Imported")) {
            throw new IllegalStateException("registry import failed: " + out);
        }
        System.out.println(out.strip());
    }

    /** Each story's lines in order, each from its device's own address (one TCP connection per device). */
    int send(String host, int port) throws IOException {
        int sent = 0;
        for (int s = 0; s < stories.size(); s++) {
            Story story = stories.get(s);
            Map<String, Socket> sockets = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>(story.devices().keySet());
            try {
                for (Story.Line line : story.lines()) {
                    Socket socket = sockets.get(line.device());
                    if (socket == null) {
                        socket = new Socket();
                        socket.bind(new InetSocketAddress(InetAddress.getByName(address(s, ids.indexOf(line.device()))), 0));
                        socket.connect(new InetSocketAddress(host, port), 5000);
                        sockets.put(line.device(), socket);
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write((line.text() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sent++;
                }
            } finally {
                for (Socket socket : sockets.values()) {
                    socket.close();
                }
            }
        }
        return sent;
    }

    /** Polls every customer's incidents until they stay unchanged for {@code quiet} (or {@code max} passes). */
    Map<Story, List<Score.Rated>> awaitQuiet(Duration quiet, Duration max) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(max);
        String last = null;
        Instant stableSince = Instant.now();
        while (true) {
            String all = console("yagura:incidents --json -n 100000");
            if (!all.equals(last)) {
                last = all;
                stableSince = Instant.now();
            } else if (Duration.between(stableSince, Instant.now()).compareTo(quiet) >= 0 || Instant.now().isAfter(end)) {
                return byStory(all);
            }
            Thread.sleep(5000); // a poll of the console, not a test: the interval between two looks
        }
    }

    private Map<Story, List<Score.Rated>> byStory(String jsonLines) throws IOException {
        Map<String, List<Score.Rated>> byCustomer = new LinkedHashMap<>();
        for (String line : jsonLines.split("\\R")) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.has("mergedInto")) {
                continue; // its story goes on in the incident it was merged into
            }
            byCustomer.computeIfAbsent(n.get("customer").asText(), c -> new ArrayList<>()).add(new Score.Rated(
                    Level.parse(n.get("level").asText()), n.get("title").asText(), strings(n.get("attackers")),
                    strings(n.get("targets")), strings(n.get("rules"))));
        }
        Map<Story, List<Score.Rated>> result = new LinkedHashMap<>();
        for (int s = 0; s < stories.size(); s++) {
            result.put(stories.get(s), byCustomer.getOrDefault(customerId(s), List.of()));
        }
        return result;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** Runs one console command through the given console client (e.g. ./yagura console) and returns its output. */
    private String console(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(console);
        cmd.add(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
