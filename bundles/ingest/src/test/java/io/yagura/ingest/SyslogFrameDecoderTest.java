package io.yagura.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {

    private static final int MAX = 64;

    private static List<Frame> decode(String... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(MAX));
        for (String c : chunks) {
            ch.writeInbound(Unpooled.copiedBuffer(c, StandardCharsets.ISO_8859_1));
        }
        ch.finish();
        return drain(ch);
    }

    /** The decoder emits the lines of each read as one list. */
    @SuppressWarnings("unchecked")
    private static List<Frame> drain(EmbeddedChannel ch) {
        List<Frame> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.addAll((List<Frame>) o);
        }
        return out;
    }

    private static List<String> texts(List<Frame> frames) {
        return frames.stream().map(f -> new String(f.bytes(), StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void lineFeedFramingWithCrlfAndEmptyLines() {
        assertEquals(List.of("a b", "c", "d"), texts(decode("a b\r\n\nc\n", "d\n")));
    }

    @Test
    void octetCountingAcrossChunks() {
        assertEquals(List.of("<34>1 hello", "<34>x"), texts(decode("11 <34>1 he", "llo5 <34>x")));
    }

    @Test
    void bothFramingsInOneStream() {
        assertEquals(List.of("plain line", "<1>counted"), texts(decode("plain line\n10 <1>counted")));
    }

    @Test
    void lineStartingWithDigitsIsNotALengthPrefix() {
        assertEquals(List.of("2018-06-27T12:17:46Z asa : x", "1234"), texts(decode("2018-06-27T12:17:46Z asa : x\n1234\n")));
    }

    @Test
    void lastLineWithoutLineFeedIsDeliveredAtClose() {
        assertEquals(List.of("first", "last"), texts(decode("first\nlast")));
    }

    @Test
    void oversizedLineIsCutMarkedAndTheNextLineSurvives() {
        String big = "x".repeat(500);
        List<Frame> frames = decode(big.substring(0, 100), big.substring(100) + "\nnext\n");
        assertEquals(2, frames.size());
        assertTrue(frames.get(0).truncated(), "first frame is marked truncated");
        assertEquals(MAX, frames.get(0).bytes().length, "cut to the maximum");
        assertFalse(frames.get(1).truncated());
        assertEquals("next", texts(frames).get(1));
    }

    @Test
    void oversizedOctetCountedFrameIsCutAndSkipped() {
        String body = "y".repeat(200);
        List<Frame> frames = decode("200 " + body.substring(0, 70), body.substring(70) + "3 abc");
        assertEquals(2, frames.size());
        assertTrue(frames.get(0).truncated());
        assertEquals("abc", texts(frames).get(1));
    }

    @Test
    void nulTrailersAreDropped() {
        assertArrayEquals("msg".getBytes(StandardCharsets.US_ASCII), decode("msg\u0000\n").get(0).bytes());
    }

    @Test
    void binaryGarbageDoesNotStallTheStream() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        EmbeddedChannel ch = new EmbeddedChannel(new SyslogFrameDecoder(MAX));
        ch.writeInbound(Unpooled.wrappedBuffer(junk));
        ch.writeInbound(Unpooled.copiedBuffer("\nafter\n", StandardCharsets.US_ASCII));
        ch.finish();
        List<Frame> frames = drain(ch);
        Frame last = frames.get(frames.size() - 1);
        assertEquals("after", new String(last.bytes(), StandardCharsets.US_ASCII), "stream resynchronised");
        assertNull(ch.readInbound());
        assertTrue(Arrays.equals(SyslogFrameDecoder.trimTrailer(new byte[] {'a', '\r', 0}), new byte[] {'a'}));
    }
}
