package io.yagura.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** util-linux logger, the syslog client a device's relay or an operator would use, aimed at Yagura. */
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
}
