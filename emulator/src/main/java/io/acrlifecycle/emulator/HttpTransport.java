package io.acrlifecycle.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server under the emulator: Jetty 12 core (no servlets), HTTP/1.1 with keep-alive, on 127.0.0.1, TLS
 * from the emulator's own CA. Jetty consumes or discards what a handler left unread of a request body, and sets
 * TCP_NODELAY itself, so no system property is needed for speed.
 */
final class HttpTransport {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private HttpTransport() {
    }

    /** A server whose port is bound but which does not serve yet. */
    static final class Bound {
        private final Server server;
        private final ServerConnector connector;
        private final SslContextFactory.Server ssl;

        private Bound(Server server, ServerConnector connector, SslContextFactory.Server ssl) {
            this.server = server;
            this.connector = connector;
            this.ssl = ssl;
        }

        Server server() {
            return server;
        }

        int port() {
            return connector.getLocalPort();
        }

        /** The server's certificate and key (before {@link #start()}); ignored with plain HTTP. */
        void useTls(SSLContext context) {
            if (ssl != null) {
                ssl.setSslContext(context);
            }
        }

        void start() {
            try {
                server.start();
            } catch (Exception e) {
                unbind();
                throw new IllegalStateException("cannot start the emulator's HTTP server: " + e.getMessage(), e);
            }
        }

        /** Frees the port of a server that never started. */
        void unbind() {
            connector.close();
            stop(server);
        }
    }

    static Bound bind(int port, boolean https) {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4, 60_000);
        pool.setName("acr-emulator-" + POOLS.incrementAndGet());
        pool.setDaemon(true);
        pool.setStopTimeout(5_000);
        Server server = new Server(pool);
        server.setStopTimeout(5_000);
        HttpConfiguration http = new HttpConfiguration();
        // Repository names arrive as team%2Fapp from the Azure SDK: an "ambiguous path separator" Jetty refuses by default.
        http.setUriCompliance(UriCompliance.DEFAULT.with("acr-repository-names", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // AAD tokens in Authorization headers run to several KB.
        http.setRequestHeaderSize(64 * 1024);
        http.setResponseHeaderSize(32 * 1024);
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        SslContextFactory.Server ssl = null;
        ServerConnector connector;
        if (https) {
            ssl = new SslContextFactory.Server();
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, h1.getProtocol()), h1);
        } else {
            connector = new ServerConnector(server, 1, 1, h1);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(128);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        try {
            connector.open();
        } catch (IOException e) {
            stop(server);
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
        return new Bound(server, connector, ssl);
    }

    /** Stops accepting, lets running requests finish (up to 5 s), then frees the port and the threads. */
    static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the threads are daemons and the port is closed by the connector's stop
        }
    }
}
