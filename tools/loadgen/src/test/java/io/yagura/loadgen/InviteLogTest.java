package io.yagura.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InviteLogTest {

    /** Debian sip-tester; another path with -Dyagura.test.sipp=… (a missing SIPp fails the test, as in notify-phone). */
    private static final String SIPP = System.getProperty("yagura.test.sipp", "sipp");

    @Test
    void readsTheInvitesARealSippCalleeLoggedWithItsReceiveTimeAndSubject(@TempDir Path dir) throws Exception {
        int calleePort = freeUdpPort();
        Path messages = dir.resolve("callee.messages.log");
        Instant before = Instant.now();
        Process callee = sipp(dir, "callee", List.of("-sn", "uas", "-p", String.valueOf(calleePort), "-m", "3",
                "-trace_msg", "-message_file", messages.toString()));
        try {
            Process caller = sipp(dir, "caller", List.of("-sf", scenario("call-with-subject.xml"),
                    "-p", String.valueOf(freeUdpPort()), "-m", "3", "-r", "10", "127.0.0.1:" + calleePort));
            assertTrue(caller.waitFor(30, TimeUnit.SECONDS), "the SIPp caller did not finish");
            assertEquals(0, caller.exitValue(), "SIPp caller failed: " + Files.readString(dir.resolve("caller.out")));
            assertTrue(callee.waitFor(30, TimeUnit.SECONDS), "the SIPp callee did not finish");
        } finally {
            callee.destroyForcibly();
        }
        Instant after = Instant.now();

        List<InviteLog.Invite> invites = new InviteLog(messages, ZoneId.systemDefault()).readAll();

        assertEquals(List.of("Yagura EMERGENCY INC-TEST-1", "Yagura EMERGENCY INC-TEST-2",
                "Yagura EMERGENCY INC-TEST-3"), invites.stream().map(InviteLog.Invite::subject).toList());
        assertEquals(3, invites.stream().map(InviteLog.Invite::callId).distinct().count(), "Call-IDs");
        for (InviteLog.Invite i : invites) {
            // SIPp's stamp has microseconds but is taken once per loop; a second either side is plenty.
            assertTrue(!i.received().isBefore(before.minusSeconds(1)) && !i.received().isAfter(after.plusSeconds(1)),
                    "received " + i.received() + " not between " + before + " and " + after);
        }
    }

    @Test
    void aMessageHalfWrittenIsReadOnlyOnceTheNextHasBegunOrAtTheEnd(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("messages.log");
        InviteLog invites = new InviteLog(log, ZoneOffset.UTC);
        assertTrue(invites.read().isEmpty(), "no file yet");

        String first = invite("2026-12-06 02:55:49.496831", "a1", "Yagura EMERGENCY INC-1");
        String second = invite("2026-12-06 02:55:50.000100", "a2", "Yagura CRITICAL INC-2");
        int cut = second.indexOf("Subject");
        append(log, first + sent("2026-12-06 02:55:49.498820") + second.substring(0, cut));
        List<InviteLog.Invite> read = invites.read();
        assertEquals(List.of(new InviteLog.Invite(Instant.parse("2026-12-06T02:55:49.496831Z"), "a1",
                "Yagura EMERGENCY INC-1")), read, "the first INVITE, not the response, not the half-written INVITE");

        append(log, second.substring(cut));
        assertTrue(invites.read().isEmpty(), "the second INVITE is still the last message");
        List<InviteLog.Invite> rest = invites.readAll();
        assertEquals(List.of(new InviteLog.Invite(Instant.parse("2026-12-06T02:55:50.000100Z"), "a2",
                "Yagura CRITICAL INC-2")), rest, "the last INVITE, whole, at the end");
        assertTrue(invites.readAll().isEmpty(), "nothing is read twice");
    }

    @Test
    void anInviteWithoutSubjectIsReadWithAnEmptyOneAndSdpLinesAreNotHeaders(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("messages.log");
        append(log, invite("2026-12-06 02:55:49.496831", "a1", null));
        List<InviteLog.Invite> read = new InviteLog(log, ZoneOffset.UTC).readAll();
        assertEquals(1, read.size());
        assertEquals("", read.get(0).subject(), "the SDP's s=- is not a Subject");
        assertFalse(read.get(0).callId().isEmpty());
    }

    /** A received INVITE as SIPp's -trace_msg writes it (CRLF lines, SDP after a blank line). */
    private static String invite(String stamp, String callId, String subject) {
        String sip = "INVITE sip:0312345678@127.0.0.1:5070 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n" + (subject == null ? "" : "Subject: " + subject + "\r\n")
                + "Content-Type: application/sdp\r\nContent-Length: 20\r\n\r\nv=0\r\ns=-\r\nt=0 0\r\n";
        return "----------------------------------------------- " + stamp + "\nUDP message received ["
                + sip.length() + "] bytes :\n\n" + sip + "\n";
    }

    private static String sent(String stamp) {
        return "----------------------------------------------- " + stamp + "\nUDP message sent (40 bytes):\n\n"
                + "SIP/2.0 180 Ringing\r\nCSeq: 1 INVITE\r\n\r\n\n";
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static Process sipp(Path dir, String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SIPP, "-i", "127.0.0.1", "-nostdin", "-timeout", "30s"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
    }

    private static String scenario(String name) throws URISyntaxException {
        return Path.of(InviteLogTest.class.getResource("/sipp/" + name).toURI()).toString();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
