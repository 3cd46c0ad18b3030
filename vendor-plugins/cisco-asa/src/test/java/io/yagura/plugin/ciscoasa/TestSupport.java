package io.yagura.plugin.ciscoasa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared fixtures: one envelope shape, parse helpers with field-naming assertions, sample loading. */
final class TestSupport {

    /** 2023-11-14T22:13:20Z. */
    static final long RECEIVED_AT = 1_700_000_000_000L;
    static final String RECEIVED_AT_TEXT = "2023-11-14T22:13:20Z";
    static final String SENDER = "192.0.2.10";
    static final String LISTENER = "udp:5514";
    static final String DEVICE = "dev-asa-1";
    static final String CUSTOMER = "cust-42";

    static final CiscoAsaParser PARSER = new CiscoAsaParser();

    private TestSupport() {
    }

    static RawEnvelope envelope(String line) {
        return new RawEnvelope(RECEIVED_AT, SENDER, LISTENER, DEVICE, CUSTOMER, "cisco-asa", false, line);
    }

    static ParseResult parse(String line) {
        return PARSER.parse(envelope(line));
    }

    /** Parses and requires exactly one event. */
    static SecurityEvent parsed(String line) {
        ParseResult r = parse(line);
        assertInstanceOf(ParseResult.Parsed.class, r, () -> "expected Parsed for <" + line + "> but got " + r);
        List<SecurityEvent> events = ((ParseResult.Parsed) r).events();
        assertEquals(1, events.size(), "number of events");
        return events.get(0);
    }

    static String ignoredReason(String line) {
        ParseResult r = parse(line);
        assertInstanceOf(ParseResult.Ignored.class, r, () -> "expected Ignored for <" + line + "> but got " + r);
        String reason = ((ParseResult.Ignored) r).reason();
        assertFalse(reason.isBlank(), "ignore reason must not be blank");
        return reason;
    }

    static String rejectedReason(String line) {
        ParseResult r = parse(line);
        assertInstanceOf(ParseResult.Rejected.class, r, () -> "expected Rejected for <" + line + "> but got " + r);
        String reason = ((ParseResult.Rejected) r).reason();
        assertFalse(reason.isBlank(), "reject reason must not be blank");
        return reason;
    }

    /** Asserts one field, naming it in the failure message. */
    static void field(SecurityEvent e, String name, Object expected) {
        assertEquals(expected, e.get(name), () -> "field '" + name + "' in " + e);
    }

    static void absent(SecurityEvent e, String name) {
        assertFalse(e.has(name), () -> "field '" + name + "' should be absent in " + e);
    }

    static void present(SecurityEvent e, String name) {
        assertNotNull(e.get(name), () -> "field '" + name + "' should be set in " + e);
    }

    /** Non-blank lines that are not '#' comments. */
    static List<String> sampleLines(List<String> all) {
        List<String> out = new ArrayList<>();
        for (String l : all) {
            if (!l.isBlank() && !l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }

    static List<String> projectSamples() {
        try (InputStream in = TestSupport.class.getResourceAsStream("/samples/cisco-asa.log")) {
            assertNotNull(in, "src/test/resources/samples/cisco-asa.log on the test class path");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return sampleLines(text.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared corpus file, or null when CI's yagura.shared.samples directory is not there. */
    static Path sharedCorpus() {
        String dir = System.getProperty("yagura.shared.samples");
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path file = Path.of(dir).resolve("cisco-asa.log");
        return Files.isRegularFile(file) ? file : null;
    }

    static List<String> read(Path file) {
        try {
            return sampleLines(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
