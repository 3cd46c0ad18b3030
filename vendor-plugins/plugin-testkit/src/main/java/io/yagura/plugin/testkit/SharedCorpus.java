package io.yagura.plugin.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shared corpus ({@code ../shared/samples}, system property {@code yagura.shared.samples};
 * absent in a fresh clone): which file holds which vendor's lines, its lines with their line
 * numbers, and the documented exceptions to auto-detection ({@code detection-exceptions.yaml} beside
 * this class): lines filed under the wrong family, and lines of a family (in the shared corpus or in
 * a plugin's {@code samples/<id>.log}) that no probe can recognise.
 */
public final class SharedCorpus {

    /** File name → vendor id of the plugin whose lines it holds; the files are named after products. */
    public static final Map<String, String> FAMILIES = families();

    /**
     * Files that are one record rather than lines (an SDEE answer pulled from a sensor): probed
     * and parsed whole, and no line of them may be claimed by another family.
     */
    public static final Set<String> DOCUMENTS = Set.of("cisco-ips-sdee.xml");

    private static final String EXCEPTIONS = "detection-exceptions.yaml";

    private SharedCorpus() {
    }

    private static Map<String, String> families() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cisco-asa.log", "cisco-asa");
        m.put("cisco-firepower.log", "cisco-firepower");
        m.put("cisco-ips-syslog.log", "cisco-ips");
        m.put("cisco-ips-sdee.xml", "cisco-ips");
        m.put("juniper-srx.log", "juniper-srx");
        m.put("juniper-screenos.log", "juniper-screenos");
        m.put("checkpoint.log", "checkpoint");
        m.put("paloalto.log", "paloalto");
        m.put("ibm-gx.log", "ibm-gx");
        m.put("mcafee-nsp.log", "mcafee-nsp");
        m.put("sniper-ips.log", "wins-sniper");
        m.put("fortigate.log", "fortinet");
        m.put("suricata-eve.json", "suricata");
        m.put("snort-fast.log", "suricata");
        m.put("waf.log", "waf");
        return Map.copyOf(m);
    }

    /** One line of a corpus file; {@code number} counts every physical line from 1, comments too. */
    public record Line(String file, int number, String text) {
        @Override
        public String toString() {
            return file + ":" + number + ": " + (text.length() > 160 ? text.substring(0, 160) + "..." : text);
        }
    }

    /**
     * A documented exception: a line of {@code file} starting with {@code starts} (at {@code line}
     * when given) belongs to {@code vendor} instead of the file's family, or, when {@code vendor}
     * is null, cannot be recognised by any probe, for {@code reason}.
     */
    public record Exception(String file, Integer line, String starts, String vendor, String reason) {

        public boolean matches(Line l) {
            return l.file().equals(file) && l.text().startsWith(starts) && (line == null || line == l.number());
        }

        public boolean misfiled() {
            return vendor != null;
        }
    }

    /** The corpus directory when this machine has it. */
    public static Optional<Path> dir() {
        String dir = System.getProperty("yagura.shared.samples");
        if (dir == null || dir.isBlank() || !Files.isDirectory(Path.of(dir))) {
            return Optional.empty();
        }
        return Optional.of(Path.of(dir));
    }

    /** The files of a vendor's family that hold one record per line. */
    public static List<String> lineFilesOf(String vendor) {
        return FAMILIES.entrySet().stream().filter(e -> e.getValue().equals(vendor) && !DOCUMENTS.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Every corpus file present, by name; files no family is mapped to fail, so a new file is not skipped unseen. */
    public static List<Path> files() {
        return dir().map(d -> {
            try (var stream = Files.list(d)) {
                List<Path> out = stream.filter(f -> !f.getFileName().toString().endsWith(".txt")).sorted().toList();
                for (Path f : out) {
                    if (!FAMILIES.containsKey(f.getFileName().toString())) {
                        throw new IllegalStateException(f + " is in no family: add it to SharedCorpus.FAMILIES");
                    }
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(List.of());
    }

    /** The non-comment, non-blank lines of a corpus file, with their numbers. */
    public static List<Line> lines(Path file) {
        return lines(file.getFileName().toString(), text(file));
    }

    /** The non-comment, non-blank lines of a text named {@code name} ("samples/waf.log" for a plugin's samples). */
    public static List<Line> lines(String name, String text) {
        List<Line> out = new ArrayList<>();
        int n = 0;
        for (String l : text.split("\n", -1)) {
            n++;
            String line = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(new Line(name, n, line));
            }
        }
        return out;
    }

    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The vendor a line truly belongs to: the file's family (a shared file's, or {@code id} of
     * "samples/<id>.log") unless an exception says it was misfiled.
     */
    public static String trueVendor(Line line) {
        return exceptionFor(line).filter(Exception::misfiled).map(Exception::vendor)
                .orElseGet(() -> familyOf(line.file()));
    }

    static String familyOf(String file) {
        if (file.startsWith("samples/") && file.endsWith(".log")) {
            return file.substring("samples/".length(), file.length() - ".log".length());
        }
        return FAMILIES.get(file);
    }

    /** Why no probe can recognise this line of its family, when an exception says so. */
    public static Optional<String> unrecognisable(Line line) {
        return exceptionFor(line).filter(e -> !e.misfiled()).map(Exception::reason);
    }

    public static Optional<Exception> exceptionFor(Line line) {
        return EXCEPTIONS_LIST.stream().filter(e -> e.matches(line)).findFirst();
    }

    public static List<Exception> exceptions() {
        return EXCEPTIONS_LIST;
    }

    private static final List<Exception> EXCEPTIONS_LIST = loadExceptions();

    private static List<Exception> loadExceptions() {
        try (var in = SharedCorpus.class.getResourceAsStream(EXCEPTIONS)) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Exception> out = new ArrayList<>();
            for (JsonNode e : root) {
                String reason = e.path("reason").asText("");
                if (!e.hasNonNull("file") || !(e.hasNonNull("starts") || e.has("lines")) || reason.isBlank()) {
                    throw new IllegalArgumentException(EXCEPTIONS + ": every entry names file, starts (or lines) and reason: " + e);
                }
                String file = e.get("file").asText();
                String vendor = e.hasNonNull("vendor") ? e.get("vendor").asText() : null;
                if (e.has("lines")) { // several lines for one reason: number → start
                    e.get("lines").fields().forEachRemaining(l -> out.add(
                            new Exception(file, Integer.valueOf(l.getKey()), l.getValue().asText(), vendor, reason)));
                } else {
                    out.add(new Exception(file, e.hasNonNull("line") ? e.get("line").asInt() : null,
                            e.get("starts").asText(), vendor, reason));
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(EXCEPTIONS + ": " + e.getMessage(), e);
        }
    }
}
