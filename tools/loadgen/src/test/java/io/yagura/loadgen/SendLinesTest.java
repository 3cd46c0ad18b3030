package io.yagura.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendLinesTest {

    @Test
    void linesArriveFromTheChosenSourceAddress() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                    List<String> got = new ArrayList<>();
                    got.add(s.getInetAddress().getHostAddress());
                    for (String line; (line = in.readLine()) != null; ) {
                        got.add(line);
                    }
                    return got;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SendLines.send(SendLines.parse(new String[] {"--target", "tcp://127.0.0.1:" + server.getLocalPort(),
                "--source", "127.0.0.11", "first line", "second line"}));
            assertEquals(List.of("127.0.0.11", "first line", "second line"), received.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> SendLines.parse(new String[] {"--source", "127.0.0.1", "x"}));
        assertThrows(IllegalArgumentException.class,
                () -> SendLines.parse(new String[] {"--target", "udp://127.0.0.1:1", "--source", "127.0.0.1", "x"}));
        assertThrows(IllegalArgumentException.class,
                () -> SendLines.parse(new String[] {"--target", "tcp://127.0.0.1:1", "x"}));
        assertThrows(IllegalArgumentException.class,
                () -> SendLines.parse(new String[] {"--target", "tcp://127.0.0.1:1", "--source", "127.0.0.1"}));
        assertThrows(IllegalArgumentException.class,
                () -> SendLines.parse(new String[] {"--target", "tcp://127.0.0.1:1", "--source", "127.0.0.1", "a\nb"}));
    }
}
