package io.yagura.agent.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yagura.api.ingest.PullCursors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's pull cursors, in one file ({@value #FILE_NAME} under ${karaf.data}/yagura/): the
 * agent has no database, and a restarted agent reads each device on from where it stopped. Every
 * change rewrites the file atomically (a temporary file beside it, forced to disk, then moved in
 * place), so a crash leaves the old file or the new one, never half of one.
 *
 * <p>A missing file is a first start (every device starts from its current records). An
 * unreadable or corrupt file is logged at ERROR and set aside as *.corrupt-&lt;millis&gt; for the
 * operator; the devices then start from their current records too: what they raised since the
 * last stored cursor is not read (it stays on the device). Present only on an agent.
 */
@Component(service = PullCursors.class, configurationPid = "io.yagura.agent",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class CursorFile implements PullCursors {

    /** Not the centre's old pull-cursors.properties, which yagura-pull would move into a database. */
    static final String FILE_NAME = "agent-pull-cursors.json";
    private static final Logger LOG = LoggerFactory.getLogger(CursorFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 1;

    private final Path file;
    private final Map<String, String> cursors = new TreeMap<>();

    @Activate
    public CursorFile() {
        this(Paths.get(System.getProperty("karaf.data", "data"), "yagura", FILE_NAME));
    }

    public CursorFile(Path file) {
        this.file = file;
        try {
            cursors.putAll(read(file));
            LOG.info("Pull cursors: {} device(s) in {}", cursors.size(), file);
        } catch (NoSuchFileException first) {
            LOG.info("Pull cursors: no {} yet; each pulled device starts from its current records", file);
        } catch (IOException | RuntimeException e) {
            Path aside = asideName(file);
            String kept;
            try {
                Files.move(file, aside);
                kept = "set aside as " + aside;
            } catch (IOException notMoved) {
                kept = "could not be set aside (" + notMoved.getMessage() + ")";
            }
            LOG.error("Pull cursors file {} is unreadable ({}); it {}. Every pulled device starts again from its current "
                    + "records: what it raised since its last stored cursor is not read", file, e.getMessage(), kept);
        }
    }

    /** *.corrupt-&lt;millis&gt;, with -2, -3… when a file was set aside in the same millisecond (never one overwritten). */
    private static Path asideName(Path file) {
        String base = file.getFileName() + ".corrupt-" + System.currentTimeMillis();
        Path aside = file.resolveSibling(base);
        for (int n = 2; Files.exists(aside); n++) {
            aside = file.resolveSibling(base + "-" + n);
        }
        return aside;
    }

    /** The file's cursors, device id → cursor; NoSuchFileException when there is none. */
    static Map<String, String> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT || !root.path("cursors").isObject()) {
            throw new IOException("not a cursor file of format " + FORMAT);
        }
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("cursors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IOException("the cursor of " + e.getKey() + " is not text");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    @Override
    public synchronized String get(String deviceId) {
        return cursors.get(deviceId);
    }

    @Override
    public synchronized void put(String deviceId, String cursor) throws IOException {
        change(deviceId, cursor);
    }

    @Override
    public synchronized void remove(String deviceId) throws IOException {
        if (cursors.containsKey(deviceId)) {
            change(deviceId, null);
        }
    }

    /** Sets (null: removes) the device's cursor in the file; in memory only once the file has it. */
    private void change(String deviceId, String cursor) throws IOException {
        String previous = cursor == null ? cursors.remove(deviceId) : cursors.put(deviceId, cursor);
        try {
            write();
        } catch (IOException e) {
            if (previous == null) {
                cursors.remove(deviceId);
            } else {
                cursors.put(deviceId, previous);
            }
            throw e;
        }
    }

    @Override
    public synchronized Map<String, String> all() {
        return Map.copyOf(cursors);
    }

    private void write() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode all = root.putObject("cursors");
        cursors.forEach(all::put);
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the rename itself on disk
        } catch (IOException | UnsupportedOperationException notOnThisSystem) {
            LOG.debug("Cannot force directory {} to disk", dir, notOnThisSystem);
        }
    }
}
