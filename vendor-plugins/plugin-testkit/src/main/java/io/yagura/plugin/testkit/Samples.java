package io.yagura.plugin.testkit;

import io.yagura.api.event.RawEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sample lines for plugin tests: the plugin's own file under {@code src/test/resources/samples/}
 * (lines whose licence allows keeping them, with attribution, and lines composed from the
 * vendor's documentation) and, when CI provides it, the shared corpus named by the system
 * property {@code yagura.shared.samples}. Lines starting with '#' are comments (provenance).
 */
public final class Samples {

    /** 2023-11-14T22:13:20Z: the receive time of every test envelope. */
    public static final long RECEIVED_AT = 1_700_000_000_000L;
    public static final String SENDER = "192.0.2.10";
    public static final String LISTENER = "udp:5514";
    public static final String DEVICE = "dev-1";
    public static final String CUSTOMER = "cust-1";

    private Samples() {
    }

    /** A received line as ingest hands it to a plugin. */
    public static RawEnvelope envelope(String vendor, String line) {
        return new RawEnvelope(RECEIVED_AT, SENDER, LISTENER, DEVICE, CUSTOMER, vendor, false, line);
    }

    /** Non-comment, non-blank lines of a class-path resource ("/samples/paloalto.log"). */
    public static List<String> resource(String path) {
        return lines(resourceText(path));
    }

    /** The whole text of a class-path resource. */
    public static String resourceText(String path) {
        try (InputStream in = Samples.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException(path + " is not on the test class path (src/test/resources" + path + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared corpus file ({@code ../shared/samples/<name>}) when present. */
    public static Optional<Path> shared(String name) {
        String dir = System.getProperty("yagura.shared.samples");
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(dir).resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    public static List<String> read(Path file) {
        try {
            return lines(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            String line = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line);
            }
        }
        return out;
    }
}
