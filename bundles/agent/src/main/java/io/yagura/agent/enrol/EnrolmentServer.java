package io.yagura.agent.enrol;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ArrayBlockingQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The centre's enrolment endpoint: a TLS socket (the centre's server certificate, signed by the
 * agent CA whose fingerprint the operator gave the agent with its token). Each connection
 * carries one request and one reply; two at a time, a few waiting, the rest refused.
 */
public final class EnrolmentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentServer.class);
    private static final int TIMEOUT_MS = 10_000;

    private final ServerSocket server;
    private final Enrolment.Handler handler;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService workers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(8), r -> {
                Thread t = new Thread(r, "yagura-agent-enrolment");
                t.setDaemon(true);
                return t;
            });
    private final Thread acceptor;

    public EnrolmentServer(SSLContext tls, String host, int port, Enrolment.Handler handler) throws IOException {
        this.handler = handler;
        SSLServerSocket s = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        s.setEnabledProtocols(new String[] {"TLSv1.3"});
        s.setNeedClientAuth(false);
        s.bind(new InetSocketAddress(InetAddress.getByName(host), port), 16);
        this.server = s;
        this.acceptor = new Thread(this::acceptLoop, "yagura-agent-enrolment-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("Agent enrolment endpoint on {}:{}", host, port());
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                try {
                    workers.execute(() -> serve(socket));
                } catch (RejectedExecutionException busy) {
                    LOG.warn("Enrolment request from {} refused: too many at once", socket.getRemoteSocketAddress());
                    socket.close();
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("Enrolment endpoint: accept failed: {}", e.toString());
            }
        }
    }

    private void serve(Socket socket) {
        String peer = String.valueOf(socket.getInetAddress().getHostAddress());
        try (socket) {
            socket.setSoTimeout(TIMEOUT_MS);
            String line = Lines.read(new BufferedInputStream(socket.getInputStream()));
            Enrolment.Reply reply;
            try {
                reply = handler.enrol(json.readValue(line, Enrolment.Request.class), peer);
            } catch (IOException badJson) {
                reply = Enrolment.Reply.refused("not an enrolment request");
            }
            OutputStream out = socket.getOutputStream();
            out.write(json.writeValueAsBytes(reply));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            // a port scanner, a client that does not trust us, a timeout: one line, no stack
            LOG.info("Enrolment connection from {} ended: {}", peer, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }

}
