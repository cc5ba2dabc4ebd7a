package io.acrlifecycle.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP/1.1 on the wire, with a raw TLS socket: what real clients do with a kept-alive connection must never
 * leave a request waiting for the idle timeout.
 */
class TransportTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    /** Far below any idle timeout (the JDK server's was 30 s), far above a loaded build machine's answer time. */
    private static final int READ_TIMEOUT_MS = 8_000;
    private static final String PUSH = "/v2/team/app/blobs/uploads/?digest=sha256:" + "0".repeat(64);
    private static final byte[] BODY = "x".repeat(4000).getBytes(StandardCharsets.US_ASCII);

    @BeforeEach
    void setUp() {
        EMU.emulator().seed("{\"repositories\":[{\"name\":\"team/app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\"]}]}]}");
    }

    @Test
    void shouldAnswerTheNextRequestAtOnceAfterA401ToARequestWhoseBodyWasNotRead() throws IOException {
        // given: a kept-alive HTTPS connection that has served one request
        try (SSLSocket s = socket()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(request("GET", "/v2/", null));
            out.flush();
            assertThat(readResponse(in).status()).isEqualTo(401);

            // when: a push with a body, answered 401 before the body is read, and at once the next request, each
            // in its own TLS record (one write each), so both can arrive in the same read of the socket
            out.write(request("POST", PUSH, BODY));
            out.write(request("GET", "/v2/", null));
            out.flush();
            Response first = readResponse(in);
            Response second = readResponse(in);

            // then: both answered on the same connection, neither waited for the idle timeout
            assertThat(first.status()).isEqualTo(401);
            assertThat(first.headers()).contains("www-authenticate: bearer realm=");
            assertThat(second.status()).isEqualTo(401);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the request after the unread body stalled for " + READ_TIMEOUT_MS + " ms", e);
        }
    }

    @Test
    void shouldNeverStallWhenTheUnreadBodyArrivesAfterTheAnswer() throws IOException {
        // given: a kept-alive HTTPS connection that has served one request
        try (SSLSocket s = socket()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(request("GET", "/v2/", null));
            out.flush();
            assertThat(readResponse(in).status()).isEqualTo(401);

            // when: a push whose headers go first (answered 401 without reading the body), then its body and at
            // once the next request, in two TLS records that arrive in the same read (the JDK server then kept the
            // next request in its TLS buffer until the idle timeout, 30-35 s), unless the server ended the connection
            byte[] push = request("POST", PUSH, BODY);
            out.write(push, 0, push.length - BODY.length);
            out.flush();
            Response first = readResponse(in);
            assertThat(first.status()).isEqualTo(401);
            if (first.headers().contains("connection: close")) {
                // then (Jetty): the answer said the connection ends, and it ends at once (the client resends on a
                // new one)
                assertThat(readResponseOrEnd(in)).isNull();
                return;
            }
            out.write(BODY);
            out.write(request("GET", "/v2/", null));
            out.flush();

            // then (a server that keeps the connection): the next request is answered without waiting
            assertThat(readResponse(in).status()).isEqualTo(401);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the request after the unread body stalled for " + READ_TIMEOUT_MS + " ms", e);
        }
    }

    @Test
    void shouldServeManyRequestsOnOneConnection() throws IOException {
        // given
        String auth = basic();
        try (SSLSocket s = socket()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // when: requests sent back to back (pipelined), then answers read in order
            for (int i = 0; i < 20; i++) {
                out.write(request("GET", "/acr/v1/team%2Fapp/_tags/v1", null, auth));
            }
            out.flush();
            // then
            for (int i = 0; i < 20; i++) {
                Response r = readResponse(in);
                assertThat(r.status()).as("answer %d", i).isEqualTo(200);
                assertThat(r.body()).contains("\"name\":\"v1\"");
            }
        }
    }

    @Test
    void shouldAnswerHeadWithTheLengthOfWhatGetSendsAndNoBody() throws IOException {
        // given
        String auth = basic();
        String digest = EMU.emulator().digestOf("team/app", "a");
        try (SSLSocket s = socket()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();

            // when: HEAD then GET of the same manifest on one connection
            out.write(request("HEAD", "/v2/team/app/manifests/v1", null, auth));
            out.write(request("GET", "/v2/team/app/manifests/v1", null, auth));
            out.flush();
            Response head = readResponse(in, true);
            Response get = readResponse(in);

            // then: same length and digest, no body after the HEAD (else the GET's answer would not parse)
            assertThat(head.status()).isEqualTo(200);
            assertThat(get.status()).isEqualTo(200);
            assertThat(head.headers()).contains("content-length: " + get.body().getBytes(StandardCharsets.UTF_8).length + "\n")
                    .contains("docker-content-digest: " + digest)
                    .contains("content-type: application/vnd.docker.distribution.manifest.v2+json");
            assertThat(get.headers()).contains("docker-content-digest: " + digest);
        }
    }

    @Test
    void shouldAcceptAnEncodedSlashInARepositoryName() {
        // given
        RawClient raw = new RawClient(EMU.emulator());
        String token = raw.token("repository:team/app:metadata_read,pull");

        // when: %2F as the Azure SDK sends it, and the raw slash as docker does
        HttpResponse<String> encoded = raw.call("GET", "/acr/v1/team%2Fapp/_tags", null, token);
        HttpResponse<String> raw2 = raw.call("GET", "/v2/team/app/tags/list", null, token);
        HttpResponse<String> encodedV2 = raw.call("GET", "/v2/team%2Fapp/tags/list", null, token);

        // then
        assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
        assertThat(RawClient.json(encoded).path("imageName").asText()).isEqualTo("team/app");
        assertThat(raw2.statusCode()).isEqualTo(200);
        assertThat(encodedV2.statusCode()).as(encodedV2.body()).isEqualTo(200);
        assertThat(RawClient.json(encodedV2).path("name").asText()).isEqualTo("team/app");
    }

    private SSLSocket socket() throws IOException {
        var e = EMU.emulator().endpoint();
        SSLSocket s = (SSLSocket) EMU.emulator().sslContext().getSocketFactory().createSocket(e.getHost(), e.getPort());
        s.setSoTimeout(READ_TIMEOUT_MS);
        s.setTcpNoDelay(true);
        s.startHandshake();
        return s;
    }

    private String basic() {
        AcrEmulator emu = EMU.emulator();
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (emu.adminUsername() + ":" + emu.adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] request(String method, String path, byte[] body) {
        return request(method, path, body, null);
    }

    private byte[] request(String method, String path, byte[] body, String authorization) {
        var e = EMU.emulator().endpoint();
        StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(e.getHost()).append(':').append(e.getPort()).append("\r\n");
        if (authorization != null) {
            b.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (body != null) {
            b.append("Content-Type: application/octet-stream\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        b.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    record Response(int status, String headers, String body) {
    }

    /** One HTTP/1.1 response with a Content-Length (or none) or chunked body; header names lower-cased. */
    static Response readResponse(InputStream in) throws IOException {
        return readResponse(in, false);
    }

    /** {@code head}: the answer to a HEAD, whose Content-Length announces a body that is not sent. */
    static Response readResponse(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        StringBuilder headers = new StringBuilder();
        long length = 0;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            headers.append(lower).append('\n');
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head) {
            length = 0;
        } else if (chunked) {
            for (long n = Long.parseLong(line(in).trim(), 16); n > 0; n = Long.parseLong(line(in).trim(), 16)) {
                body.writeBytes(in.readNBytes((int) n));
                line(in);
            }
            line(in);
        } else {
            body.writeBytes(in.readNBytes((int) length));
        }
        return new Response(Integer.parseInt(statusLine.substring(9, 12)), headers.toString(),
                body.toString(StandardCharsets.UTF_8));
    }

    /** A response, or null when the server closed the connection before a byte of it. */
    static Response readResponseOrEnd(InputStream in) throws IOException {
        BufferedPeek peek = new BufferedPeek(in);
        return peek.atEnd() ? null : readResponse(peek);
    }

    /** An InputStream that can tell whether the next read is the end, without losing the byte it looked at. */
    private static final class BufferedPeek extends InputStream {
        private final InputStream in;
        private int next = -2;

        BufferedPeek(InputStream in) {
            this.in = in;
        }

        boolean atEnd() throws IOException {
            if (next == -2) {
                try {
                    next = in.read();
                } catch (java.net.SocketException e) {
                    next = -1;
                }
            }
            return next < 0;
        }

        @Override
        public int read() throws IOException {
            if (next != -2) {
                int c = next;
                next = -2;
                return c;
            }
            return in.read();
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server after '" + b + "'");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
