package io.acrlifecycle.twin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP CONNECT proxy on 127.0.0.1, like a corporate proxy in front of Jenkins: it tunnels TLS to the target
 * and answers 407 with a Basic challenge until the client sends the expected {@code Proxy-Authorization}.
 * It records every tunnel it opened, so a test can tell that traffic really went through it.
 */
final class ConnectProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String expectedAuthorization;
    private final List<String> tunnels = new CopyOnWriteArrayList<>();
    private final AtomicInteger challenges = new AtomicInteger();

    /** @param username null for a proxy without authentication */
    ConnectProxy(String username, String password) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.expectedAuthorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        Thread accept = new Thread(this::acceptLoop, "connect-proxy-" + server.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The {@code host:port} of every tunnel opened, in order. */
    List<String> tunnels() {
        return List.copyOf(tunnels);
    }

    /** How many CONNECTs were answered with 407. */
    int challenges() {
        return challenges.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "connect-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            String[] request = head.isEmpty() ? new String[0] : head.get(0).split(" ");
            if (request.length < 2 || !request[0].equals("CONNECT")) {
                answer(out, "405 Method Not Allowed", "");
                return;
            }
            if (expectedAuthorization != null
                    && !head.contains("proxy-authorization: " + expectedAuthorization.toLowerCase(Locale.ROOT))) {
                challenges.incrementAndGet();
                // the client answers the challenge on a new connection
                answer(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"twin\"\r\n");
                return;
            }
            String[] target = request[1].split(":");
            try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                tunnels.add(request[1]);
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread back = new Thread(() -> pipe(upstream, client), "connect-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, upstream);
                back.join();
            }
        } catch (IOException | InterruptedException e) {
            // the client or the target went away
        }
    }

    private static void answer(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    /** The request line and headers (header names lower-cased), or empty at end of stream. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).strip();
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(lines.isEmpty() ? text : lowerName(text));
            } else {
                line.write(b);
            }
        }
        return List.of();
    }

    private static String lowerName(String header) {
        int colon = header.indexOf(':');
        return colon < 0 ? header : header.substring(0, colon).toLowerCase(Locale.ROOT) + ": "
                + header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
