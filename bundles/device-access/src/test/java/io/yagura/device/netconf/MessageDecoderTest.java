package io.yagura.device.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** NETCONF framing, fed the way an SSH channel may split it. */
class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder();

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        decoder.write(bytes, 0, bytes.length);
    }

    @Test
    void endOfMessageFramingSplitAcrossWritesAndTwoMessagesInOneWrite() throws Exception {
        feed("<hello>a]]>]");
        assertNull(decoder.next(0), "the delimiter is not complete yet");
        feed("]><rpc-reply/>]]>]]><x>");
        assertEquals("<hello>a", decoder.next(0));
        assertEquals("<rpc-reply/>", decoder.next(0));
        assertNull(decoder.next(0), "<x> has no delimiter yet");
    }

    @Test
    void endOfMessageFramingKeepsAMessageWhoseTextHoldsPartOfTheDelimiter() throws Exception {
        feed("<a>]]></a>]]>]]>");
        assertEquals("<a>]]></a>", decoder.next(0));
    }

    @Test
    void chunkedFramingJoinsChunksAndAChunkSplitAcrossReads() throws Exception {
        decoder.useChunkedFraming();
        String framed = "\n#4\n<rpc\n#10\n-reply/>é\n##\n";
        byte[] bytes = framed.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < bytes.length; split++) {
            MessageDecoder d = new MessageDecoder();
            d.useChunkedFraming();
            d.write(bytes, 0, split);
            d.write(bytes, split, bytes.length - split);
            assertEquals("<rpc-reply/>é", d.next(0), "split at byte " + split);
        }
        feed(MessageDecoder.frame("<ok/>", true) + MessageDecoder.frame("<data/>", true));
        assertEquals("<ok/>", decoder.next(0));
        assertEquals("<data/>", decoder.next(0));
    }

    @Test
    void aBrokenChunkHeaderEndsTheStreamWithTheReason() {
        decoder.useChunkedFraming();
        feed("\n#0\n");
        EOFException e = assertThrows(EOFException.class, () -> decoder.next(0));
        assertTrue(e.getMessage().contains("broke the NETCONF framing"), e.getMessage());
        assertThrows(EOFException.class, () -> decoder.next(0), "and stays ended");
    }

    @Test
    void anEndlessMessageIsRefused() {
        byte[] junk = new byte[MessageDecoder.MAX_MESSAGE + 1];
        java.util.Arrays.fill(junk, (byte) 'x');
        decoder.write(junk, 0, junk.length);
        EOFException e = assertThrows(EOFException.class, () -> decoder.next(0));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }

    @Test
    void framesBothWays() {
        assertEquals("<a/>]]>]]>", MessageDecoder.frame("<a/>", false));
        assertEquals("\n#5\n<é/>\n##\n", MessageDecoder.frame("<é/>", true), "the size counts bytes, not characters");
    }
}
