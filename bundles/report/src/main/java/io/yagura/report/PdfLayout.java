package io.yagura.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes flowing A4 pages with PDFBox: headings, wrapped paragraphs, tables and images, a new
 * page when the current one is full. All text in the one embedded font, so it can be extracted.
 */
final class PdfLayout implements AutoCloseable {

    static final float MARGIN = 50;
    private static final float BODY = 10;
    private static final Color RULE = new Color(0xB0, 0xB0, 0xB0);

    private final PDDocument doc;
    private final PDFont font;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private PDPageContentStream out;
    private float y;

    PdfLayout(PDDocument doc, PDFont font) {
        this.doc = doc;
        this.font = font;
        newPage();
    }

    float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    void heading(String text, float size) {
        need(size * 2 + BODY * 4); // a heading is never the last line of a page
        y -= size * 0.6f;
        line(text, MARGIN, size, Color.BLACK);
        y -= size * 0.5f;
    }

    void paragraph(String text) {
        for (String para : text.split("\n", -1)) {
            for (String l : wrap(para, BODY, width())) {
                need(BODY * 1.5f);
                line(l, MARGIN, BODY, Color.BLACK);
            }
        }
        y -= BODY * 0.5f;
    }

    /**
     * A table: header row, then rows; {@code widths} are fractions of the text width, and
     * columns in {@code rightAligned} are numbers.
     */
    void table(List<String> header, List<List<String>> rows, float[] widths, boolean[] rightAligned) {
        float rowHeight = BODY * 1.6f;
        need(rowHeight * Math.min(3, rows.size() + 1));
        row(header, widths, rightAligned, true);
        for (List<String> r : rows) {
            if (y - rowHeight < MARGIN) {
                newPage();
                row(header, widths, rightAligned, true); // the header again on the next page
            }
            row(r, widths, rightAligned, false);
        }
        y -= BODY;
    }

    private void row(List<String> cells, float[] widths, boolean[] right, boolean header) {
        float x = MARGIN;
        y -= BODY * 1.6f;
        for (int c = 0; c < cells.size(); c++) {
            float w = widths[c] * width();
            String text = fit(cells.get(c), BODY, w - 6);
            float tx = right[c] ? x + w - 3 - textWidth(text, BODY) : x + 3;
            show(text, tx, y + BODY * 0.45f, BODY, header ? Color.DARK_GRAY : Color.BLACK);
            x += w;
        }
        try {
            out.setStrokingColor(RULE);
            out.setLineWidth(header ? 0.8f : 0.3f);
            out.moveTo(MARGIN, y);
            out.lineTo(MARGIN + width(), y);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void image(BufferedImage image, float w, float h) {
        need(h + BODY);
        try {
            PDImageXObject x = LosslessFactory.createFromImage(doc, image);
            y -= h;
            out.drawImage(x, MARGIN, y, w, h);
            y -= BODY;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void space(float points) {
        y -= points;
    }

    /** Writes "n / N" at the foot of every page. */
    void pageNumbers(String footer) {
        close();
        int total = doc.getNumberOfPages();
        for (int n = 0; n < total; n++) {
            try (PDPageContentStream s = new PDPageContentStream(doc, doc.getPage(n),
                    PDPageContentStream.AppendMode.APPEND, true)) {
                out = s;
                String text = safe(footer + "  " + (n + 1) + " / " + total);
                show(text, MARGIN, MARGIN / 2, 8, Color.GRAY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out = null;
    }

    private void need(float height) {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    private void newPage() {
        close();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try {
            out = new PDPageContentStream(doc, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void line(String text, float x, float size, Color color) {
        y -= size * 1.4f;
        show(text, x, y, size, color);
    }

    private void show(String text, float x, float baseline, float size, Color color) {
        try {
            out.beginText();
            out.setFont(font, size);
            out.setNonStrokingColor(color);
            out.newLineAtOffset(x, baseline);
            out.showText(safe(text));
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Breaks at spaces where it can, else between any two characters (Japanese has no spaces). */
    List<String> wrap(String text, float size, float max) {
        List<String> lines = new ArrayList<>();
        String rest = safe(text);
        while (textWidth(rest, size) > max) {
            int cut = rest.length();
            while (cut > 1 && textWidth(rest.substring(0, cut), size) > max) {
                cut--;
            }
            int space = rest.lastIndexOf(' ', cut);
            int at = space > cut / 2 ? space : cut;
            lines.add(rest.substring(0, at).stripTrailing());
            rest = rest.substring(at).stripLeading();
        }
        lines.add(rest);
        return lines;
    }

    private String fit(String text, float size, float max) {
        String s = safe(text);
        if (textWidth(s, size) <= max) {
            return s;
        }
        while (s.length() > 1 && textWidth(s + "…", size) > max) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }

    private float textWidth(String text, float size) {
        try {
            return font.getStringWidth(safe(text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Characters the font cannot draw (and control characters) become '?', never an exception mid-report. */
    private String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? ' ' : drawable(cp) ? cp : '?'));
        return sb.toString();
    }

    private boolean drawable(int cp) {
        return glyphs.computeIfAbsent(cp, c -> {
            try {
                font.encode(new String(Character.toChars(c)));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out = null;
        }
    }
}
