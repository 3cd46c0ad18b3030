package io.yagura.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF's text as a reader's tools extract it: poppler's pdftotext and PDFBox. Lines are NFKC
 * normalised (extraction may give Kangxi radicals such as U+2F49 for 月) with runs of spaces made one.
 */
final class PdfText {

    private PdfText() {
    }

    static List<String> pdftotext(Path pdf) throws Exception {
        return lines(run(List.of("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-")));
    }

    static List<String> pdfbox(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return lines(stripper.getText(doc));
        }
    }

    /** pdffonts' table rows (after its two header lines). */
    static List<String> pdffonts(Path pdf) throws Exception {
        List<String> out = Arrays.asList(run(List.of("pdffonts", pdf.toString())).split("\n"));
        return out.subList(Math.min(2, out.size()), out.size()).stream().filter(l -> !l.isBlank()).toList();
    }

    static List<String> lines(String text) {
        return Arrays.stream(Normalizer.normalize(text, Normalizer.Form.NFKC).split("\\R"))
                .map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }

    /** Writes the PDF for the tools; also into the folder -Dyagura.report.keep names, for a person to open. */
    static Path write(Path dir, String name, byte[] pdf) throws IOException {
        String keep = System.getProperty("yagura.report.keep");
        if (keep != null && !keep.isBlank()) {
            Files.createDirectories(Path.of(keep));
            Files.write(Path.of(keep, name), pdf);
        }
        return Files.write(dir.resolve(name), pdf);
    }
}
