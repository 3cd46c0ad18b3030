package io.yagura.health;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A device's service port for the tests: started in a network namespace, accepts and closes connections. */
public final class TcpListenerMain {

    private TcpListenerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(Integer.parseInt(args[0])));
            System.out.println("listening");
            System.out.flush();
            while (true) {
                try (Socket s = server.accept()) {
                    s.getInputStream().available();
                }
            }
        }
    }
}
