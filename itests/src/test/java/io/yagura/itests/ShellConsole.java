package io.yagura.itests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.CommandException;

/** Runs a Karaf console command as an operator would and returns what it printed. */
final class ShellConsole {

    private ShellConsole() {
    }

    /**
     * What the command printed, followed by its refusal as the console shows it ("Error executing command: …",
     * without colours) when it refused: a refusal fails the command, which bin/client turns into exit code 1.
     * Other exceptions are not refusals and are thrown.
     */
    static String run(SessionFactory sessions, String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, out, out);
        try {
            session.execute(command);
        } catch (CommandException refused) {
            out.println(refused.getNiceHelp().replaceAll("\u001B\\[[;\\d]*m", ""));
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
