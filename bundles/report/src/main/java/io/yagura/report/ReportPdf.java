package io.yagura.report;

import io.yagura.api.incident.Level;
import io.yagura.report.MonthFacts.Count;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** Draws a {@link MonthFacts} as a PDF in one language: tables for every figure, charts beside them. */
final class ReportPdf {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<Level, Color> LEVEL_COLORS = new EnumMap<>(Map.of(
            Level.EMERGENCY, new Color(0xB7, 0x1C, 0x1C), Level.CRITICAL, new Color(0xE6, 0x51, 0x00),
            Level.WARNING, new Color(0xF9, 0xA8, 0x25), Level.INFORMATIONAL, new Color(0x15, 0x65, 0xC0),
            Level.LOW, new Color(0x9E, 0x9E, 0x9E)));
    private static final float[] TWO = {0.7f, 0.3f};
    private static final boolean[] TEXT_NUMBER = {false, true};

    private final Path fontFile;
    private final Font awtFont;

    /** @throws IllegalStateException with what to do when the font is missing or unreadable */
    ReportPdf(Path fontFile) {
        this.fontFile = fontFile;
        if (!Files.isReadable(fontFile)) {
            throw new IllegalStateException("report font " + fontFile + " not found: install Debian fonts-ipaexfont "
                    + "or set font.path in etc/io.yagura.report.cfg to a TrueType font with Japanese glyphs");
        }
        try {
            this.awtFont = Font.createFont(Font.TRUETYPE_FONT, fontFile.toFile());
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("report font " + fontFile + " is not a readable TrueType font ("
                    + e.getMessage() + "); set font.path in etc/io.yagura.report.cfg", e);
        }
    }

    byte[] render(MonthFacts f, String language, Map<String, String> l, String summary, Instant made) {
        try (PDDocument doc = new PDDocument()) {
            // embedded as a subset (PDFBox's default for Type0), with a ToUnicode map: text stays extractable
            PDType0Font font = PDType0Font.load(doc, fontFile.toFile());
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(l.get("title") + " " + f.month() + " " + f.customerName());
            info.setCreator("Yagura");
            doc.getDocumentCatalog().setLanguage(language);
            Charts charts = new Charts(awtFont);
            try (PdfLayout p = new PdfLayout(doc, font)) {
                write(p, charts, f, l, summary, made);
                p.pageNumbers(l.get("footer") + " — " + f.customerName() + " — " + f.month());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("report PDF of " + f.customerId() + " " + f.month() + ": " + e.getMessage(), e);
        }
    }

    private static void write(PdfLayout p, Charts charts, MonthFacts f, Map<String, String> l, String summary,
                              Instant made) {
        p.heading(l.get("title") + "  " + f.month(), 18);
        p.paragraph(l.get("customer") + ": " + f.customerName() + " (" + f.customerId() + ")");
        p.paragraph(l.get("period") + ": " + TIME.format(f.from().atZone(f.zone())) + " – "
                + TIME.format(f.to().atZone(f.zone())) + " (" + f.zone().getId() + ")");
        p.paragraph(l.get("made") + ": " + TIME.format(made.atZone(f.zone())));

        p.heading(l.get("section.summary"), 13);
        p.paragraph(summary);

        p.heading(l.get("section.levels"), 13);
        Map<String, Integer> levels = new LinkedHashMap<>();
        Map<String, Color> colors = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        f.byLevel().forEach((level, n) -> {
            String name = l.getOrDefault("level." + level.name(), level.name());
            levels.put(name, n);
            colors.put(name, LEVEL_COLORS.get(level));
            rows.add(List.of(name, Integer.toString(n)));
        });
        rows.add(List.of(l.get("col.total"), Integer.toString(f.incidents())));
        p.table(List.of(l.get("col.level"), l.get("col.incidents")), rows, TWO, TEXT_NUMBER);
        p.image(charts.bars(null, l.get("col.incidents"), levels, colors, 480, 200), p.width() * 0.8f,
                p.width() * 0.8f * 200 / 480);

        p.heading(l.get("section.categories"), 13);
        Map<String, Integer> categories = new LinkedHashMap<>();
        f.byCategory().forEach((c, n) -> categories.put(l.getOrDefault("category." + c, c), n));
        table(p, l, l.get("col.category"), categories);
        if (!categories.isEmpty()) {
            p.image(charts.pie(null, categories, 480, 220), p.width() * 0.8f, p.width() * 0.8f * 220 / 480);
        }

        p.heading(l.get("section.origin"), 13);
        Map<String, Integer> origin = new LinkedHashMap<>();
        origin.put(l.get("origin.inbound"), f.inbound());
        origin.put(l.get("origin.internal"), f.internal());
        origin.put(l.get("origin.none"), f.noAttacker());
        p.table(List.of(l.get("col.origin"), l.get("col.incidents")), rows(origin), TWO, TEXT_NUMBER);

        p.heading(l.get("section.daily"), 13);
        Map<String, Integer> days = new LinkedHashMap<>();
        for (int d = 0; d < f.perDay().length; d++) {
            days.put(Integer.toString(d + 1), f.perDay()[d]);
        }
        p.image(charts.bars(null, l.get("col.incidents"), days, Map.of(), 480, 180), p.width(),
                p.width() * 180 / 480);

        p.heading(l.get("section.attackers"), 13);
        table(p, l, l.get("col.address"), counts(f.topAttackers()));
        p.heading(l.get("section.targets"), 13);
        table(p, l, l.get("col.address"), counts(f.topTargets()));
        p.heading(l.get("section.rules"), 13);
        table(p, l, l.get("col.rule"), counts(f.topRules()));

        p.heading(l.get("section.sla"), 13);
        MonthFacts.Sla sla = f.sla();
        p.table(List.of(l.get("col.item"), l.get("col.value")), List.of(
                List.of(l.get("sla.notices"), Integer.toString(sla.notices())),
                List.of(l.get("sla.met"), Integer.toString(sla.met())),
                List.of(l.get("sla.breached"), Integer.toString(sla.breached())),
                List.of(l.get("sla.pending"), Integer.toString(sla.pending())),
                List.of(l.get("sla.median"), duration(sla.median())),
                List.of(l.get("sla.longest"), duration(sla.longest()))), TWO, TEXT_NUMBER);
        if (!sla.breaches().isEmpty()) {
            p.heading(l.get("section.breaches"), 11);
            List<List<String>> late = new ArrayList<>();
            for (MonthFacts.Breach b : sla.breaches()) {
                late.add(List.of(b.incidentId(), l.getOrDefault("level." + b.level().name(), b.level().name()),
                        b.channel(), TIME.format(b.deadline().atZone(f.zone())),
                        b.deliveredAt() == null ? l.get("delivered.never") : TIME.format(b.deliveredAt().atZone(f.zone()))));
            }
            p.table(List.of(l.get("col.incident"), l.get("col.level"), l.get("col.channel"), l.get("col.deadline"),
                    l.get("col.delivered")), late, new float[] {0.28f, 0.14f, 0.12f, 0.23f, 0.23f},
                    new boolean[] {false, false, false, false, false});
        }

        p.heading(l.get("section.blocks"), 13);
        MonthFacts.Blocks b = f.blocks();
        p.table(List.of(l.get("col.item"), l.get("col.value")), List.of(
                List.of(l.get("blocks.placed"), Integer.toString(b.placed())),
                List.of(l.get("blocks.quarantines"), Integer.toString(b.quarantines())),
                List.of(l.get("blocks.notPlaced"), Integer.toString(b.notPlaced()))), TWO, TEXT_NUMBER);
        if (!b.topAddresses().isEmpty()) {
            p.heading(l.get("blocks.top"), 11);
            table(p, l, l.get("col.address"), counts(b.topAddresses()));
        }

        p.heading(l.get("section.availability"), 13);
        if (f.availability().isEmpty()) {
            p.paragraph(l.get("none"));
        } else {
            List<List<String>> devices = new ArrayList<>();
            for (MonthFacts.Availability a : f.availability()) {
                devices.add(List.of(a.deviceId(), a.product(), String.format(Locale.ROOT, "%.2f%%", a.percent()),
                        duration(a.down()), Integer.toString(a.faults())));
            }
            p.table(List.of(l.get("col.device"), l.get("col.product"), l.get("col.availability"), l.get("col.down"),
                    l.get("col.faults")), devices, new float[] {0.25f, 0.3f, 0.15f, 0.18f, 0.12f},
                    new boolean[] {false, false, true, true, true});
        }
    }

    private static void table(PdfLayout p, Map<String, String> l, String first, Map<String, Integer> values) {
        if (values.isEmpty()) {
            p.paragraph(l.get("none"));
        } else {
            p.table(List.of(first, l.get("col.incidents")), rows(values), TWO, TEXT_NUMBER);
        }
    }

    private static Map<String, Integer> counts(List<Count> counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        counts.forEach(c -> m.put(c.name(), c.count()));
        return m;
    }

    private static List<List<String>> rows(Map<String, Integer> values) {
        List<List<String>> rows = new ArrayList<>();
        values.forEach((k, v) -> rows.add(List.of(k, Integer.toString(v))));
        return rows;
    }

    /** "-", "45s", "3m 05s", "2h 10m", "3d 04h". */
    static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }
}
