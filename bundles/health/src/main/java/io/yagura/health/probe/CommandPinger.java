package io.yagura.health.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pings by running fping or iputils ping once per request. Both send real ICMP echo: as root,
 * and without privilege through their file capability or the kernel's unprivileged ICMP sockets
 * ({@code net.ipv4.ping_group_range}); when neither works they fail with a permission error, which
 * is reported as {@link Echo.Unavailable}, never as a device that does not answer.
 */
public final class CommandPinger implements Pinger {

    /** Which program, and how its exit codes read. */
    public enum Tool {
        /** exit 0: alive, 1: unreachable, 2: address not found, 3: bad arguments, 4: system call failed */
        FPING("fping", 1),
        /** iputils: exit 0: a reply, 1: no reply, 2: any other error */
        PING("ping", 1);

        final String program;
        private final int noAnswerExit;

        Tool(String program, int noAnswerExit) {
            this.program = program;
            this.noAnswerExit = noAnswerExit;
        }

        public String program() {
            return program;
        }
    }

    private final Tool tool;
    private final Path executable;

    public CommandPinger(Tool tool, Path executable) {
        this.tool = tool;
        this.executable = executable;
    }

    List<String> command(String address, Duration timeout) {
        long millis = Math.max(100, timeout.toMillis());
        List<String> cmd = new ArrayList<>(List.of(executable.toString()));
        if (tool == Tool.FPING) {
            // one request, no retry, quiet: the exit code says it all
            cmd.addAll(List.of("-c", "1", "-r", "0", "-q", "-t", Long.toString(millis), address));
        } else {
            // -W takes whole seconds
            cmd.addAll(List.of("-n", "-q", "-c", "1", "-W", Long.toString(Math.max(1, (millis + 999) / 1000)), address));
        }
        return cmd;
    }

    @Override
    public Echo ping(String address, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(command(address, timeout)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Echo.Unavailable(tool.program + " cannot be started: " + e.getMessage());
        }
        try {
            // the program's own timeout bounds it; the margin covers process start on a busy host
            if (!p.waitFor(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Echo.Unavailable(tool.program + " did not finish within " + timeout.plusSeconds(5).toSeconds()
                        + " s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = p.exitValue();
            if (exit == 0) {
                return new Echo.Answered();
            }
            if (exit == tool.noAnswerExit) {
                return new Echo.NoAnswer("no ICMP echo reply from " + address + " within " + timeout.toMillis() + " ms");
            }
            return new Echo.Unavailable(tool.program + " failed (exit " + exit + "): " + lastLine(output));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Echo.Unavailable("interrupted");
        } catch (IOException e) {
            return new Echo.Unavailable(tool.program + " output unreadable: " + e.getMessage());
        }
    }

    private static String lastLine(String output) {
        int nl = output.lastIndexOf('\n');
        String line = nl < 0 ? output : output.substring(nl + 1);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    @Override
    public String describe() {
        return tool.program + " " + executable;
    }
}
