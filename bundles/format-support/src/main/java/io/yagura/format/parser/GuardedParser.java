package io.yagura.format.parser;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.syslog.SyslogHeaderParser;
import io.yagura.format.syslog.SyslogLine;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The checks every vendor parser needs before it reads a line, written once: no text, oversized,
 * blank and binary lines are rejected with a reason; the syslog header is read in the device's
 * zone; and nothing the vendor-specific part throws escapes ({@link LogParser} must never throw),
 * it becomes a rejection naming the exception. A plugin's parser extends this and implements
 * {@link #parseLine} for text that passed.
 */
public abstract class GuardedParser implements LogParser {

    /** Syslog lines of every vendor Yagura reads stay far below this; larger text is not a log line. */
    public static final int DEFAULT_MAX_CHARS = 64 * 1024;

    private final int maxChars;
    private final boolean multiLine;
    /** One header reader per device zone; few distinct zones exist. */
    private final ConcurrentMap<ZoneId, SyslogHeaderParser> headers = new ConcurrentHashMap<>();

    /**
     * @param maxChars  longest text accepted
     * @param multiLine true for formats whose records span lines (ModSecurity audit log, SDEE XML):
     *                  line breaks are then allowed inside the text
     */
    protected GuardedParser(int maxChars, boolean multiLine) {
        this.maxChars = maxChars;
        this.multiLine = multiLine;
    }

    protected GuardedParser() {
        this(DEFAULT_MAX_CHARS, false);
    }

    @Override
    public final ParseResult parse(RawEnvelope envelope, ParseContext context) {
        try {
            if (envelope == null || envelope.raw() == null) {
                return ParseResult.rejected("empty line: no raw text");
            }
            String raw = envelope.raw();
            if (raw.length() > maxChars) {
                return ParseResult.rejected("oversized line: " + raw.length() + " chars, limit " + maxChars);
            }
            String text = multiLine ? raw.strip() : stripLineEnd(raw);
            if (text.isBlank()) {
                return ParseResult.rejected("empty line");
            }
            int control = firstControlChar(text, multiLine);
            if (control >= 0) {
                return ParseResult.rejected(String.format("control character U+%04X at offset %d",
                        (int) text.charAt(control), control));
            }
            ParseContext ctx = context == null ? ParseContext.DEFAULT : context;
            SyslogLine header = headers.computeIfAbsent(ctx.zone(), SyslogHeaderParser::new)
                    .parse(text, Instant.ofEpochMilli(envelope.receivedAt()));
            ParseResult result = parseLine(new Line(envelope, ctx, text, header));
            return result != null ? result : ParseResult.rejected("parser returned no result");
        } catch (RuntimeException | StackOverflowError unexpected) {
            String message = unexpected.getMessage();
            return ParseResult.rejected("parser failure: " + unexpected.getClass().getSimpleName()
                    + (message == null ? "" : ": " + truncate(message, 120)));
        }
    }

    /** Reads a line that passed the checks; may throw, the guard turns it into a rejection. */
    protected abstract ParseResult parseLine(Line line);

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Offset of the first C0 control character other than TAB (and CR/LF when allowed), or DEL; -1 if none. */
    static int firstControlChar(String s, boolean lineBreaksAllowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && !(lineBreaksAllowed && (c == '\n' || c == '\r'))) || c == 0x7F
                    || c == '\uFFFD') {
                return i;
            }
        }
        return -1;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
