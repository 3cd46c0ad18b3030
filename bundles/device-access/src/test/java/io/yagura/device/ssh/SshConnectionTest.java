package io.yagura.device.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.api.registry.Secret;
import io.yagura.emulator.asa.AsaEmulator;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SSH sessions against a real SSH server: the emulated ASA. */
class SshConnectionTest {

    private static final Pattern ASA_PROMPT = Pattern.compile("(?m)^[\\w.-]+(\\([\\w-]+\\))?[>#] ?$");
    private static final String PASSWORD = "s3cret-Login";

    private final AsaEmulator asa = AsaEmulator.start("soc", PASSWORD, "en-Pass");

    @AfterEach
    void stop() throws Exception {
        asa.close();
    }

    private Target target(String password, String fingerprint, Duration timeout) {
        return new Target("fw1", URI.create("ssh://127.0.0.1:" + asa.port()), "soc", Secret.of(password), fingerprint,
                null, timeout);
    }

    private Target trusted() {
        return target(PASSWORD, asa.fingerprint(), Duration.ofSeconds(5));
    }

    @Test
    void logsInWithThePinnedKeyAndTalksToTheCli() throws Exception {
        try (SshConnection ssh = SshConnection.open(trusted(), 22); CliShell cli = ssh.shell(ASA_PROMPT)) {
            cli.awaitPrompt();
            assertEquals("asa>", cli.prompt());
            assertTrue(cli.command("enable", Pattern.compile("Password: $")).isEmpty(), "nothing before the password prompt");
            cli.secret(Secret.of("en-Pass"));
            assertEquals("asa#", cli.prompt());
            String acl = cli.command("show shun");
            assertEquals("", acl, "no shun yet");
            assertTrue(cli.command("bogus command").contains("% Invalid input detected at '^' marker."));
        }
    }

    @Test
    void anUnknownHostKeyIsUntrustedWithItsFingerprintAndNoPasswordIsSent() {
        FirewallException e = assertThrows(FirewallException.class,
                () -> SshConnection.open(target(PASSWORD, "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", Duration.ofSeconds(5)), 22));
        assertEquals(Failure.UNTRUSTED, e.failure());
        assertEquals(asa.fingerprint(), e.presentedFingerprint());
        assertTrue(e.getMessage().contains(asa.fingerprint()), e.getMessage());
        assertEquals(0, asa.faults().passwordAttempts(), "password attempts seen by the device");
    }

    @Test
    void aDeviceWithNoPinnedKeyIsUntrustedToo() {
        FirewallException e = assertThrows(FirewallException.class,
                () -> SshConnection.open(target(PASSWORD, null, Duration.ofSeconds(5)), 22));
        assertEquals(Failure.UNTRUSTED, e.failure());
        assertEquals(asa.fingerprint(), e.presentedFingerprint());
        assertEquals(0, asa.faults().passwordAttempts());
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatDoesNotRepeatIt() {
        FirewallException e = assertThrows(FirewallException.class,
                () -> SshConnection.open(target("wrong-Pass-42", asa.fingerprint(), Duration.ofSeconds(5)), 22));
        assertEquals(Failure.AUTHENTICATION, e.failure(), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-Pass-42"), e.getMessage());
        assertTrue(asa.faults().passwordAttempts() > 0);
    }

    @Test
    void aRefusedLoginIsAnAuthenticationFailure() {
        asa.faults().refuseLogins(true);
        FirewallException e = assertThrows(FirewallException.class, () -> SshConnection.open(trusted(), 22));
        assertEquals(Failure.AUTHENTICATION, e.failure(), e.getMessage());
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        Target target = trusted();
        asa.close();
        FirewallException e = assertThrows(FirewallException.class, () -> SshConnection.open(target, 22));
        assertEquals(Failure.UNREACHABLE, e.failure(), e.getMessage());
    }

    @Test
    void aStalledDeviceTimesOutWithinTheTargetsTimeout() {
        asa.faults().stallOn("^show shun$");
        Target target = target(PASSWORD, asa.fingerprint(), Duration.ofSeconds(1));
        FirewallException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(FirewallException.class, () -> {
            try (SshConnection ssh = SshConnection.open(target, 22); CliShell cli = ssh.shell(ASA_PROMPT)) {
                cli.awaitPrompt();
                cli.command("show shun");
            }
        }));
        assertEquals(Failure.TIMEOUT, e.failure(), e.getMessage());
    }

    @Test
    void aDroppedConnectionFailsAtOnceAsUnreachable() {
        asa.faults().dropAfter("^show shun$");
        FirewallException e = assertThrows(FirewallException.class, () -> {
            try (SshConnection ssh = SshConnection.open(trusted(), 22); CliShell cli = ssh.shell(ASA_PROMPT)) {
                cli.awaitPrompt();
                cli.command("show shun");
            }
        });
        assertEquals(Failure.UNREACHABLE, e.failure(), e.getMessage());
    }

    @Test
    void aCommandWithALineBreakIsNeverSent() throws Exception {
        try (SshConnection ssh = SshConnection.open(trusted(), 22); CliShell cli = ssh.shell(ASA_PROMPT)) {
            cli.awaitPrompt();
            FirewallException e = assertThrows(FirewallException.class, () -> cli.command("show shun\nwrite erase"));
            assertEquals(Failure.REJECTED, e.failure());
        }
    }

    @Test
    void execRunsOneCommand() {
        FirewallException e = assertThrows(FirewallException.class, () -> {
            try (SshConnection ssh = SshConnection.open(trusted(), 22)) {
                ssh.exec("show version\nreload");
            }
        });
        assertEquals(Failure.REJECTED, e.failure());
    }
}
