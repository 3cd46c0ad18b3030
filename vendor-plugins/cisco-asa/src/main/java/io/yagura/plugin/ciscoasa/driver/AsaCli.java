package io.yagura.plugin.ciscoasa.driver;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.device.ssh.CliShell;
import io.yagura.device.ssh.SshConnection;
import java.util.regex.Pattern;

/**
 * A logged-in, privileged ASA CLI session: enable (with the login password) when the account
 * lands in user mode, no paging, and every answer checked for the ASA's error lines.
 */
final class AsaCli implements AutoCloseable {

    /** {@code asa>}, {@code asa#}, {@code asa(config)#}, {@code fw1/admin(config-network-object-group)#}. */
    static final Pattern PROMPT = Pattern.compile("(?m)^[\\w./-]+(\\([\\w-]+\\))?[>#] ?$");
    private static final Pattern PASSWORD_PROMPT = Pattern.compile("(?m)^Password: ?$");

    private final SshConnection ssh;
    private final CliShell shell;

    private AsaCli(SshConnection ssh, CliShell shell) {
        this.ssh = ssh;
        this.shell = shell;
    }

    static AsaCli open(Target target) throws FirewallException {
        SshConnection ssh = SshConnection.open(target, 22);
        try {
            CliShell shell = ssh.shell(PROMPT);
            shell.awaitPrompt();
            if (shell.prompt().endsWith(">")) {
                shell.command("enable", PASSWORD_PROMPT);
                shell.secret(target.secret());
                if (!shell.prompt().endsWith("#")) {
                    throw new FirewallException(Failure.AUTHENTICATION, ssh.device()
                            + " refused the enable password (Yagura sends the login password)", null);
                }
            }
            AsaCli cli = new AsaCli(ssh, shell);
            cli.run("terminal pager 0");
            return cli;
        } catch (FirewallException e) {
            ssh.close();
            throw e;
        }
    }

    /** Runs one command; an {@code ERROR:} or {@code % Invalid} answer fails as REJECTED with the device's words. */
    String run(String command) throws FirewallException {
        String answer = shell.command(command);
        for (String line : answer.split("\n")) {
            String l = line.trim();
            if (l.startsWith("ERROR:") || l.startsWith("% ")) {
                throw new FirewallException(Failure.REJECTED, ssh.device() + " refused '" + command + "': " + l, null);
            }
        }
        return answer;
    }

    String device() {
        return ssh.device();
    }

    @Override
    public void close() {
        shell.close();
        ssh.close();
    }
}
