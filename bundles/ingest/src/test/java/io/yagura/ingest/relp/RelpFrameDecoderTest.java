package io.yagura.ingest.relp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelpFrameDecoderTest {

    private static final int MAX = 1024;

    private static List<RelpFrame> decode(String... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new RelpFrameDecoder(MAX));
        for (String c : chunks) {
            ch.writeInbound(Unpooled.copiedBuffer(c, StandardCharsets.UTF_8));
        }
        List<RelpFrame> frames = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            frames.add((RelpFrame) o);
        }
        return frames;
    }

    private static String reasonOf(String... chunks) {
        DecoderException e = assertThrows(DecoderException.class, () -> decode(chunks));
        return e.getCause().getMessage();
    }

    @Test
    void framesWithAndWithoutDataAreCutAtTheirDeclaredLength() {
        List<RelpFrame> frames = decode("1 open 5 a b\nc\n2 syslog 6 hello\n\n3 close 0\n");
        assertEquals(3, frames.size());
        assertEquals("open", frames.get(0).command());
        assertEquals("a b\nc", frames.get(0).text(), "data may hold LF and spaces: DATALEN decides");
        assertEquals("hello\n", frames.get(1).text());
        assertEquals(3, frames.get(2).txnr());
        assertEquals("close", frames.get(2).command());
        assertEquals(0, frames.get(2).data().length);
    }

    @Test
    void theTxnrLibrelpSendsBeforeWrappingIsAccepted() {
        assertEquals(1_000_000_000, decode("1000000000 syslog 1 a\n").get(0).txnr());
    }

    @Test
    void aFrameSplitIntoOneByteReadsIsReassembled() {
        String stream = "41 syslog 12 <13>hi there\n42 syslog 3 abc\n";
        String[] bytes = stream.split("");
        List<RelpFrame> frames = decode(bytes);
        assertEquals(List.of("<13>hi there", "abc"), frames.stream().map(RelpFrame::text).toList());
        assertEquals(42, frames.get(1).txnr());
    }

    @Test
    void aFrameWhoseDataIsNotFollowedByLfIsRefusedWithItsTxnr() {
        DecoderException e = assertThrows(DecoderException.class, () -> decode("7 syslog 3 abcd\n"));
        RelpProtocolException bad = (RelpProtocolException) e.getCause();
        assertEquals(7, bad.txnr());
        assertTrue(bad.getMessage().contains("no LF"), bad.getMessage());
    }

    @Test
    void malformedHeadersAreRefusedWithTheReason() {
        assertTrue(reasonOf("x syslog 3 abc\n").contains("TXNR is not a number"));
        assertTrue(reasonOf("1 sys-log 3 abc\n").contains("COMMAND must be"));
        assertTrue(reasonOf("1 syslog 3x abc\n").contains("DATALEN is not a number"));
        assertTrue(reasonOf("12345678901 syslog 3 abc\n").contains("TXNR longer than 10 digits"));
        assertTrue(reasonOf("1000000001 syslog 3 abc\n").contains("larger than 1000000000"));
        assertTrue(reasonOf("1 syslog 1234567890 abc\n").contains("DATALEN longer than 9 digits"));
        assertTrue(reasonOf("1 syslog 3\nabc\n").contains("none follow"));
        assertTrue(reasonOf("1 " + "a".repeat(40) + " 3 abc\n").contains("COMMAND must be"));
    }

    @Test
    void aHeaderOfMaximalFieldsThatDoesNotEndIsRefused() {
        String longest = "1000000000 " + "a".repeat(32) + " 123456789";
        assertEquals(0, decode(longest).size(), "a header may still end with its separator");
        assertTrue(reasonOf(longest + "9").contains("DATALEN"));
    }

    @Test
    void anIncompleteFrameAtEndOfStreamProducesNothing() {
        assertTrue(decode("5 syslog 10 abc").isEmpty(), "the sender still has the frame: nothing to deliver");
    }

    @Test
    void anOversizedFrameYieldsItsHeadMarkedOversizedAndNothingAfter() {
        String big = "x".repeat(MAX + 500);
        List<RelpFrame> frames = decode("1 syslog " + big.length() + " " + big.substring(0, 600),
                big.substring(600) + "\n2 syslog 3 abc\n");
        assertEquals(1, frames.size(), "the connection ends after an oversized frame");
        RelpFrame head = frames.get(0);
        assertTrue(head.oversized());
        assertEquals(MAX, head.data().length);
        assertEquals(MAX + 500, head.dataBytes());
        assertFalse(new String(head.data(), StandardCharsets.UTF_8).contains("abc"));
    }
}
