package io.yagura.emulator.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** An emulated device's session (CLI shell or subsystem), run on its own thread until the client leaves. */
public abstract class SessionCommand implements Command {

    protected InputStream in;
    protected OutputStream out;
    private ExitCallback exit;
    private Thread thread;

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // devices answer on stdout
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        thread = new Thread(this::run, getClass().getSimpleName());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        thread.interrupt();
    }

    private void run() {
        try {
            session();
        } catch (IOException clientLeft) {
            // the client went away: the session ends
        } finally {
            ended();
            exit.onExit(0);
        }
    }

    /** Reads requests and answers them; returns (or throws) when the session ends. */
    protected abstract void session() throws IOException;

    /** What the device does when a session ends (drop its lock...). */
    protected void ended() {
    }
}
