package io.yagura.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON wire format of the broker messages. Lines and events travel in batches: one
 * broker message carries a JSON array of envelopes (raw queues), of events
 * ({@code yagura.events}) or of dead letters ({@code yagura.deadletter}).
 *
 * <p>Only API types are serialized, so the shared ObjectMapper never caches a plugin's
 * classes and never pins a plugin's class loader after the plugin is updated.
 */
public final class Wire {

    /** Version of the wire format, sent as the JMS property {@value #FORMAT_PROPERTY}. */
    public static final String FORMAT_VERSION = "1";
    public static final String FORMAT_PROPERTY = "yaguraFormat";
    /** Broker message property carrying the number of items in a batch. */
    public static final String COUNT_PROPERTY = "yaguraCount";
    /**
     * Largest body the senders put in one broker message, unless a single item is larger. A broker
     * refuses a persistent message above its journal record size (Artemis: journal-buffer-size,
     * 490 KiB by default; AMQ149005), and a refused batch is lost with all its lines: 256 KiB stays
     * well below any broker's default, yet still carries hundreds of ordinary events.
     */
    public static final int MAX_BATCH_BYTES = 256 * 1024;

    /** One broker message's body and the number of items in it. */
    public record Batch(byte[] body, int count) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<List<RawEnvelope>> ENVELOPES = new TypeReference<>() { };
    private static final TypeReference<List<Map<String, Object>>> EVENTS = new TypeReference<>() { };
    private static final TypeReference<List<DeadLetter>> DEAD_LETTERS = new TypeReference<>() { };

    private Wire() {
    }

    public static byte[] writeEnvelopes(List<RawEnvelope> batch) {
        return write(batch);
    }

    public static List<RawEnvelope> readEnvelopes(byte[] json) {
        return read(json, ENVELOPES);
    }

    public static byte[] writeEvents(List<SecurityEvent> events) {
        List<Map<String, Object>> maps = new ArrayList<>(events.size());
        for (SecurityEvent e : events) {
            maps.add(e.fields());
        }
        return write(maps);
    }

    public static List<SecurityEvent> readEvents(byte[] json) {
        List<Map<String, Object>> maps = read(json, EVENTS);
        List<SecurityEvent> events = new ArrayList<>(maps.size());
        for (Map<String, Object> m : maps) {
            events.add(SecurityEvent.of(m));
        }
        return events;
    }

    /** The events as messages of at most {@link #MAX_BATCH_BYTES} each, in order. */
    public static List<Batch> eventBatches(List<SecurityEvent> events) {
        List<Map<String, Object>> maps = new ArrayList<>(events.size());
        for (SecurityEvent e : events) {
            maps.add(e.fields());
        }
        return batches(maps, MAX_BATCH_BYTES);
    }

    /** The envelopes as messages of at most {@link #MAX_BATCH_BYTES} each, in order. */
    public static List<Batch> envelopeBatches(List<RawEnvelope> envelopes) {
        return batches(envelopes, MAX_BATCH_BYTES);
    }

    /** The dead letters as messages of at most {@link #MAX_BATCH_BYTES} each, in order. */
    public static List<Batch> deadLetterBatches(List<DeadLetter> letters) {
        return batches(letters, MAX_BATCH_BYTES);
    }

    /**
     * The items as JSON arrays, in order, each array at most {@code maxBytes} long unless it holds a
     * single item that is longer by itself. Each item is serialized once; the arrays are joined
     * from those bytes, so the result reads back exactly as one array of all the items would.
     */
    static List<Batch> batches(List<?> items, int maxBytes) {
        List<Batch> out = new ArrayList<>(1);
        ByteArrayOutputStream current = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
        int count = 0;
        for (Object item : items) {
            byte[] json = write(item);
            // '[' + items joined by ',' + ']': this item adds its length and one byte
            if (count > 0 && current.size() + json.length + 2 > maxBytes) {
                out.add(close(current, count));
                current.reset();
                count = 0;
            }
            current.write(count == 0 ? '[' : ',');
            current.writeBytes(json);
            count++;
        }
        if (count > 0) {
            out.add(close(current, count));
        }
        return out;
    }

    private static Batch close(ByteArrayOutputStream open, int count) {
        open.write(']');
        return new Batch(open.toByteArray(), count);
    }

    public static byte[] writeDeadLetters(List<DeadLetter> letters) {
        return write(letters);
    }

    public static List<DeadLetter> readDeadLetters(byte[] json) {
        return read(json, DEAD_LETTERS);
    }

    public static String toJson(SecurityEvent event) {
        try {
            return MAPPER.writeValueAsString(event.fields());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws WireFormatException when the bytes are not a batch of the expected kind */
    private static <T> T read(byte[] json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new WireFormatException("not a Yagura batch: " + e.getMessage(), e);
        }
    }

    /** The body of a broker message is not in Yagura's wire format. */
    public static final class WireFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public WireFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
