package io.yagura.format.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final Json JSON = Json.DEFAULT;

    @Test
    void readsAnEveRecordIntoPlainJava() {
        Map<String, Object> m = JSON.object("{\"timestamp\":\"2026-11-28T10:00:00.123456+0000\",\"flow_id\":2191386088856669,"
                + "\"event_type\":\"alert\",\"src_ip\":\"203.0.113.5\",\"alert\":{\"action\":\"blocked\",\"severity\":1,"
                + "\"metadata\":{\"cve\":[\"2021-44228\"]}},\"http\":{\"url\":\"\\/index.php?id=1\",\"length\":0},"
                + "\"flow\":{\"alerted\":true,\"bypassed\":null},\"score\":-0.5e2}");
        assertNotNull(m);
        assertEquals("alert", m.get("event_type"));
        assertEquals(2191386088856669L, m.get("flow_id"));
        assertEquals("blocked", Json.text(m, "alert", "action"));
        assertEquals(1L, Json.integer(m, "alert", "severity"));
        assertEquals(List.of("2021-44228"), Json.texts(m, "alert", "metadata", "cve"));
        assertEquals("/index.php?id=1", Json.text(m, "http", "url"), "\\/ is a slash");
        assertEquals(Boolean.TRUE, Json.bool(m, "flow", "alerted"));
        assertTrue(Json.map(m, "flow").containsKey("bypassed"), "a JSON null is a present key");
        assertNull(Json.path(m, "flow", "bypassed"));
        assertEquals(-50.0, m.get("score"));
        assertEquals("-50", Json.text(m, "score"), "integral doubles print without .0");
        assertEquals(List.of("timestamp", "flow_id", "event_type", "src_ip", "alert", "http", "flow", "score"),
                List.copyOf(m.keySet()), "insertion order");
    }

    @Test
    void accessorsAreTotal() {
        Map<String, Object> m = JSON.object("{\"a\":{\"b\":[1,\"2\",true,null,{}]},\"s\":\"123\",\"big\":\"1234567890123456789\"}");
        assertNull(Json.text(m, "a"), "an object is not text");
        assertNull(Json.text(m, "a", "b", "c"), "a path through an array is missing");
        assertNull(Json.integer(m, "missing"));
        assertEquals(123L, Json.integer(m, "s"), "digit strings are integers");
        assertNull(Json.integer(m, "big"), "19 digits do not fit");
        assertEquals(List.of("1", "2", "true"), Json.texts(m, "a", "b"));
        assertEquals(List.of(), Json.list(m, "s"));
        assertEquals(List.of(), Json.texts(m, "nothing"));
        assertNull(Json.map(null, "x"));
        assertNull(Json.path("not a map", "x"));
    }

    @Test
    void escapesAndUnicode() {
        Map<String, Object> m = JSON.object("{\"k\":\"\\\"q\\\" \\\\ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 한국어\"}");
        assertEquals("\"q\" \\ \b\f\n\r\t é \uD83D\uDE00 한국어", m.get("k"));
    }

    @Test
    void numbers() {
        assertEquals(0L, JSON.readAll("0").value());
        assertEquals(-0L, JSON.readAll("-0").value());
        assertEquals(Long.MAX_VALUE, JSON.readAll("9223372036854775807").value());
        assertEquals(Long.MIN_VALUE, JSON.readAll("-9223372036854775808").value());
        assertEquals(9.223372036854775808e18, JSON.readAll("9223372036854775808").value(), "beyond long: a double");
        assertEquals(1.5, JSON.readAll("1.5").value());
        assertEquals(1e-3, JSON.readAll("1E-3").value());
        for (String bad : List.of("01", "-", "1.", ".5", "+1", "1e", "1e+", "0x10", "NaN", "Infinity", "-a")) {
            assertFalse(JSON.readAll(bad).ok(), bad);
        }
    }

    @Test
    void strictnessErrorsSayWhatAndWhere() {
        String[][] cases = {
            {"{\"a\":1,}", "expected a quoted key at offset 7"},
            {"[1,]", "unexpected character ']'"},
            {"{'a':1}", "expected a quoted key at offset 1"},
            {"{\"a\" 1}", "expected ':' after a key"},
            {"{\"a\":1 \"b\":2}", "expected ',' or '}'"},
            {"{\"a\":tru}", "unknown literal, expected true"},
            {"{\"a\":\"x\ny\"}", "control character U+000A in a string"},
            {"{\"a\":\"\\x\"}", "bad escape '\\x'"},
            {"{\"a\":\"\\u12\"}", "bad \\u escape"},
            {"{\"a\":\"abc", "unterminated string opened at offset 5"},
            {"{\"a\":[1,2", "unterminated array"},
            {"{\"a\":1", "unterminated object opened at offset 0"},
            {"{\"a\":1} x", "text after the JSON value at offset 8"},
            {"{\"a\":1}/*c*/", "text after the JSON value"},
            {"", "unexpected end of text"},
        };
        for (String[] c : cases) {
            Json.Result r = JSON.readAll(c[0]);
            assertFalse(r.ok(), c[0]);
            assertTrue(r.error().contains(c[1]), () -> c[0] + " -> " + r.error());
            assertNull(r.object());
        }
    }

    @Test
    void readsAnObjectInsideALineAndReportsItsEnd() {
        String line = "<134>Nov 28 10:00:00 sensor suricata[1234]: {\"event_type\":\"dns\"}  trailing";
        int at = line.indexOf('{');
        Json.Result r = JSON.readObject(line, at);
        assertTrue(r.ok());
        assertEquals("dns", r.object().get("event_type"));
        assertEquals(line.indexOf("trailing"), r.end(), "end is after the value and its white space");
        assertFalse(JSON.readObject(line, 0).ok(), "'<' is not an object");
        assertFalse(JSON.readObject("[1]", 0).ok(), "an array is not an object");
        assertFalse(JSON.read(null, 0).ok());
        assertFalse(JSON.read("{}", 5).ok());
        assertNull(JSON.object("[1,2]"));
        assertNull(JSON.object(null));
    }

    @Test
    void repeatedKeysKeepTheFirst() {
        assertEquals(1L, JSON.object("{\"a\":1,\"a\":2}").get("a"));
    }

    @Test
    void limitsBoundDepthAndSize() {
        Json small = Json.withLimits(3, 10);
        assertTrue(small.readAll("{\"a\":{\"b\":{\"c\":1}}}").ok(), "depth 3");
        assertTrue(small.readAll("{\"a\":{\"b\":{\"c\":{}}}}").error().contains("nesting deeper than 3"));
        assertTrue(small.readAll("[1,2,3,4,5,6,7,8,9,10,11]").error().contains("more than 10 values"));
        Json.Result deep = JSON.readAll("[".repeat(50_000));
        assertTrue(deep.error().contains("nesting deeper than 32"), deep.error());
        Json.Result objects = JSON.readAll("{\"a\":".repeat(50_000));
        assertTrue(objects.error().contains("nesting deeper than 32"), objects.error());
        String many = "[" + "0,".repeat(200_000) + "0]";
        assertTrue(JSON.readAll(many).error().contains("more than 100000 values"));
    }

    @Test
    void neverThrowsOnCutsAndNoise() {
        String doc = "{\"timestamp\":\"2026-11-28T10:00:00.123456+0000\",\"a\":[1,-2.5e3,true,false,null,\"x\\u00e9\\n\"],"
                + "\"o\":{\"k\":{}}}";
        assertTrue(JSON.readAll(doc).ok());
        for (int cut = 0; cut < doc.length(); cut++) {
            Json.Result r = JSON.readAll(doc.substring(0, cut));
            assertFalse(r.ok(), "cut at " + cut);
            assertNotNull(r.error());
        }
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            char[] c = doc.toCharArray();
            for (int k = 0; k < 4; k++) {
                c[random.nextInt(c.length)] = (char) random.nextInt(128);
            }
            Json.Result r = JSON.readAll(new String(c));
            assertTrue(r.ok() || r.error() != null);
            byte[] bytes = new byte[1 + random.nextInt(512)];
            random.nextBytes(bytes);
            bytes[0] = '{';
            Json.Result noise = JSON.read(new String(bytes, StandardCharsets.ISO_8859_1), 0);
            assertTrue(noise.ok() || noise.error() != null);
        }
        char[] filler = new char[10_000];
        Arrays.fill(filler, '"');
        assertFalse(JSON.readAll(new String(filler)).ok());
    }
}
