package io.yagura.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Syslog clients aimed at Yagura: util-linux logger, which a device's relay or an operator would
 * use, and a device's own TCP syslog from the address it is registered with.
 */
final class SyslogClient {

    private SyslogClient() {
    }

    static int syslogPort() {
        return Integer.getInteger("yagura.itest.syslogPort");
    }

    /** Runs logger towards the distribution's syslog port with these options and message. */
    static void logger(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("logger", "-n", "127.0.0.1", "-P", Integer.toString(syslogPort())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("logger finished", p.waitFor(20, TimeUnit.SECONDS));
        assertEquals("logger " + cmd + ": " + out, 0, p.exitValue());
    }

    /**
     * Sends lines over one TCP connection from {@code localAddress} (a loopback address such as
     * 127.0.4.1, which Linux answers on lo without configuration), as a device registered with that
     * address would: RFC 6587 octet counting, as rsyslog and syslog-ng send over TCP.
     */
    static void sendTcpFrom(String localAddress, List<String> lines) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress("127.0.0.1", syslogPort()));
            OutputStream out = s.getOutputStream();
            // octet counting: sample lines that start with a digit ("1 2023-11-14T..." without PRI)
            // would otherwise read as a length
            for (String line : lines) {
                byte[] body = line.getBytes(StandardCharsets.UTF_8);
                out.write((body.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            }
            out.flush();
        }
    }
}
