package io.yagura.console;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "yagura", name = "device-secret", description = "Sets the secret (password or token) of a device's "
        + "management endpoint, read without echo or from a file; never from the command line.",
        detailedDescription = "The secret is stored sealed (AES-GCM) with the key in etc/yagura-secret.key or "
        + "YAGURA_SECRET_KEY, shown as ******** and exported only sealed. The device needs a management endpoint "
        + "first (yagura:device-add --management-url).\n\n"
        + "Examples:\n"
        + "  yagura:device-secret acme-ips1                          (asks twice, without echo)\n"
        + "  yagura:device-secret --secret-file /root/ips1.pw acme-ips1   (one trailing line break ignored; "
        + "delete the file afterwards)\n"
        + "  yagura:device-secret --remove acme-ips1")
@Service
public class DeviceSecretCommand extends RegistryCommand {

    @Argument(index = 0, name = "id", required = true, description = "Device id")
    @Completion(Completers.DeviceIds.class)
    String id;

    @Option(name = "--secret-file", description = "Read the secret from this file (UTF-8) instead of the console")
    @Completion(FileCompleter.class)
    String secretFile;

    @Option(name = "--remove", description = "Remove the secret (the endpoint stays)")
    boolean remove;

    @Reference
    Session session;

    @Override
    void run() throws RegistryException {
        Device d = registry.device(id).orElseThrow(() -> new RegistryException("no device with id '" + id
                + "' (yagura:devices lists them)"));
        if (d.management() == null) {
            throw new RegistryException("device '" + id + "' has no management endpoint; add one first: "
                    + "yagura:device-add --customer " + d.customer() + " --vendor " + d.vendor()
                    + " --management-url https://... " + id + " " + String.join(" ", d.addresses()));
        }
        if (remove && secretFile != null) {
            throw new IllegalArgumentException("--remove and --secret-file exclude each other");
        }
        Secret secret;
        String how;
        if (remove) {
            secret = Secret.NONE;
            how = "removed";
        } else if (secretFile != null) {
            secret = fromFile(Path.of(secretFile));
            how = "set from the file " + Path.of(secretFile).toAbsolutePath();
        } else {
            secret = fromConsole();
            how = "set from the console";
        }
        registry.putDevice(d.withManagement(d.management().withSecret(secret)));
        audit("device-secret", id, "secret " + how); // never the secret itself
        System.out.println(remove ? "Secret of device " + id + " removed"
                : "Secret of device " + id + " " + how + "; stored sealed, shown as " + Secret.MASK);
    }

    private Secret fromConsole() throws RegistryException {
        String first;
        String second;
        try {
            first = session.readLine("Secret for " + id + ": ", '*');
            second = first == null ? null : session.readLine("Again: ", '*');
        } catch (IOException | RuntimeException e) {
            throw new RegistryException("cannot read the secret from this console (" + e.getClass().getSimpleName()
                    + "); use --secret-file", e);
        }
        if (first == null || second == null) {
            throw new RegistryException("no console to read the secret from; use --secret-file");
        }
        if (!first.equals(second)) {
            throw new RegistryException("the two entries differ");
        }
        if (first.isEmpty()) {
            throw new RegistryException("the secret is empty (--remove removes one)");
        }
        return Secret.of(first);
    }

    private static Secret fromFile(Path file) throws RegistryException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RegistryException("cannot read " + file.toAbsolutePath() + ": " + e.getClass().getSimpleName()
                    + " " + e.getMessage(), e);
        }
        char[] chars = null;
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = c.limit();
            if (end > 0 && c.get(end - 1) == '\n') {
                end--;
                if (end > 0 && c.get(end - 1) == '\r') {
                    end--;
                }
            }
            chars = Arrays.copyOfRange(c.array(), c.position(), c.position() + end);
            Arrays.fill(c.array(), '\0');
            if (chars.length == 0) {
                throw new RegistryException(file.toAbsolutePath() + " is empty");
            }
            warnIfOthersCanRead(file);
            return Secret.of(chars);
        } catch (CharacterCodingException e) {
            throw new RegistryException(file.toAbsolutePath() + " is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
        }
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.OTHERS_READ) || p.contains(PosixFilePermission.GROUP_READ)) {
                System.out.println("Note: " + file.toAbsolutePath() + " can be read by other users; delete it now");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // nothing to tell
        }
    }
}
