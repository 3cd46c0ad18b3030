package io.yagura.device.ssh;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.registry.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelShell;

/**
 * A device's interactive CLI: send one line, wait until the device prints its prompt again, get
 * what it printed in between (without the echoed command and the prompt). Every wait is bounded
 * by the target's timeout and by {@link ChannelInbox#MAX_CHARS}.
 */
public final class CliShell implements AutoCloseable {

    private final ChannelShell channel;
    private final ChannelInbox inbox;
    private final Pattern prompt;
    private final Duration timeout;
    private final String device;
    private String lastPrompt = "";

    CliShell(ChannelShell channel, ChannelInbox inbox, Pattern prompt, Duration timeout, String device) {
        this.channel = channel;
        this.inbox = inbox;
        this.prompt = prompt;
        this.timeout = timeout;
        this.device = device;
    }

    /** Waits for the first prompt after login and returns the banner before it. */
    public String awaitPrompt() throws FirewallException {
        return withoutPrompt(inbox.awaitEnding(prompt, timeout, "the first prompt of " + device));
    }

    /** Sends {@code line} and returns the device's answer, up to its next prompt. */
    public String command(String line) throws FirewallException {
        return send(line, prompt, "the answer to '" + line + "'");
    }

    /** Sends {@code line} and waits for {@code expected} instead of the prompt (e.g. "Password:"). */
    public String command(String line, Pattern expected) throws FirewallException {
        return send(line, expected, "the answer to '" + line + "'");
    }

    /** Sends a secret (enable password); the secret never appears in the returned text or a message. */
    public String secret(Secret secret) throws FirewallException {
        char[] value = secret.reveal();
        try {
            write(new String(value) + "\n");
        } finally {
            java.util.Arrays.fill(value, '\0');
        }
        return withoutPrompt(inbox.awaitEnding(prompt, timeout, "the prompt after the password"));
    }

    /** The prompt the device printed last ({@code asa(config)#}), to tell the mode. */
    public String prompt() {
        return lastPrompt;
    }

    private String send(String line, Pattern expected, String waitingFor) throws FirewallException {
        refuseLineBreaks(line);
        write(line + "\n");
        String answer = withoutPrompt(inbox.awaitEnding(expected, timeout, waitingFor));
        return withoutEcho(answer, line);
    }

    private void write(String text) throws FirewallException {
        try {
            OutputStream in = channel.getInvertedIn();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new FirewallException(Failure.UNREACHABLE, device + " closed the connection", e);
        }
    }

    /** A line holding a line break or control character would be two commands: never sent. */
    static void refuseLineBreaks(String line) throws FirewallException {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isISOControl(line.charAt(i))) {
                throw new FirewallException(Failure.REJECTED, "refused to send a command with a control character"
                        + " (position " + i + ")", null);
            }
        }
    }

    private String withoutPrompt(String answer) {
        String text = answer.replace("\r", "");
        int lastLine = text.lastIndexOf('\n');
        lastPrompt = text.substring(lastLine + 1).trim();
        return lastLine < 0 ? "" : text.substring(0, lastLine);
    }

    private static String withoutEcho(String answer, String line) {
        if (answer.startsWith(line)) {
            String rest = answer.substring(line.length());
            return rest.startsWith("\n") ? rest.substring(1) : rest;
        }
        return answer;
    }

    @Override
    public void close() {
        channel.close(true);
    }
}
