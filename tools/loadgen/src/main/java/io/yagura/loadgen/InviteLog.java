package io.yagura.loadgen;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The INVITEs a SIPp callee received, read from its message log ({@code sipp -trace_msg
 * -message_file FILE}) while SIPp is still writing it. SIPp starts each message with a line of
 * dashes and its own time stamp (local time, microseconds), taken when it read the message:
 *
 * <pre>
 * ----------------------------------------------- 2026-12-06 02:55:49.496831
 * UDP message received [506] bytes :
 *
 * INVITE sip:0312345678@127.0.0.1:5070 SIP/2.0
 * ...
 * Subject: Yagura EMERGENCY INC-20261206-0001
 * </pre>
 *
 * Each {@link #read()} returns the INVITEs added since the last one. A message is read only once
 * the next one has begun (SIPp may be half-way through writing it), except by {@link #readAll()}
 * at the end.
 */
final class InviteLog {

    /** One INVITE as SIPp received it: when, its Call-ID and its Subject (empty when it has none). */
    record Invite(Instant received, String callId, String subject) {
    }

    private static final Pattern SEPARATOR =
            Pattern.compile("(?m)^-{20,} (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{1,9})\\r?$");
    private static final Pattern RECEIVED = Pattern.compile("^\\s*\\S+ message received \\[\\d+\\] bytes :");
    private static final Pattern INVITE_LINE = Pattern.compile("(?m)^INVITE \\S+ SIP/2\\.0$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);

    private final Path file;
    private final ZoneId zone;
    /** Where the first message not read yet begins. */
    private long offset;

    /** @param zone SIPp's time zone: the host's (SIPp writes local time) */
    InviteLog(Path file, ZoneId zone) {
        this.file = file;
        this.zone = zone;
    }

    /** The INVITEs of the messages completed since the last call. */
    List<Invite> read() throws IOException {
        return read(false);
    }

    /** Every INVITE not read yet, the last message too (SIPp has stopped or its calls are over). */
    List<Invite> readAll() throws IOException {
        return read(true);
    }

    private List<Invite> read(boolean toTheEnd) throws IOException {
        List<Invite> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        String text;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length <= offset) {
                return out;
            }
            byte[] bytes = new byte[(int) (length - offset)];
            f.seek(offset);
            f.readFully(bytes);
            // ISO-8859-1: one char per byte, so positions in the text are byte offsets in the file.
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        Matcher m = SEPARATOR.matcher(text);
        int messageStart = -1;
        int separatorStart = 0;
        String stamp = null;
        while (m.find()) {
            if (messageStart >= 0) {
                invite(stamp, text.substring(messageStart, m.start())).ifPresent(out::add);
            }
            separatorStart = m.start();
            messageStart = m.end();
            stamp = m.group(1);
        }
        if (messageStart < 0) {
            return out; // not even one whole separator yet
        }
        if (toTheEnd) {
            invite(stamp, text.substring(messageStart)).ifPresent(out::add);
            offset += text.length();
        } else {
            offset += separatorStart; // the last message is read again once the next one has begun
        }
        return out;
    }

    private Optional<Invite> invite(String stamp, String message) {
        String body = message.replace("\r", "").stripLeading(); // SIP lines end in CRLF
        if (!RECEIVED.matcher(body).find()) {
            return Optional.empty();
        }
        Matcher request = INVITE_LINE.matcher(body);
        if (!request.find()) {
            return Optional.empty();
        }
        // The SIP headers: from the request line to the blank line before the SDP.
        int end = body.indexOf("\n\n", request.end());
        String headers = body.substring(request.end(), end < 0 ? body.length() : end);
        Instant received = LocalDateTime.parse(pad(stamp), STAMP).atZone(zone).toInstant();
        return Optional.of(new Invite(received, header(headers, "Call-ID", "i"), header(headers, "Subject", "s")));
    }

    /** SIPp prints microseconds; other widths are padded or cut to them. */
    private static String pad(String stamp) {
        int dot = stamp.indexOf('.');
        String fraction = (stamp.substring(dot + 1) + "000000").substring(0, 6);
        return stamp.substring(0, dot + 1) + fraction;
    }

    /** A header's value by its name or compact form, case-insensitively; empty when absent. */
    private static String header(String message, String name, String compact) {
        Matcher m = Pattern.compile("(?mi)^(?:" + Pattern.quote(name) + "|" + Pattern.quote(compact)
                + ")[ \\t]*:[ \\t]*(.*)$").matcher(message);
        return m.find() ? m.group(1).strip() : "";
    }
}
