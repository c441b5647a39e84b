package wslab.checks.lesson09;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import wslab.api.LabCertificate;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;
import wslab.api.Tls;
import wslab.api.TlsConnection;
import wslab.grader.CheckContext;

/**
 * The web sites of a browser check: one HTTPS server that answers as the chat's own site,
 * {@value #CHAT_SITE}, and as a foreign one, {@value #FOREIGN_SITE} (the browser maps both names
 * here). It serves this package's pages; each request on a connection of its own.
 */
final class PageServer implements AutoCloseable {

    static final String CHAT_SITE = "chat.wslab.test";
    static final String FOREIGN_SITE = "evil.wslab.test";

    private final LabCertificate certificate = LabCertificate.selfSigned(CHAT_SITE, FOREIGN_SITE);
    private final CheckContext ctx;
    private final TcpListener listener;

    PageServer(CheckContext ctx) throws IOException {
        this.ctx = ctx;
        this.listener = ctx.env().listen(0);
        ctx.env().startThread("lesson09-pages", this::acceptLoop);
    }

    int port() {
        return listener.port();
    }

    /** The key a browser must trust for these sites. */
    String spki() {
        return Tls.spkiSha256(certificate.certificate());
    }

    private void acceptLoop() {
        while (true) {
            TcpConnection c;
            try {
                c = listener.accept();
            } catch (IOException e) {
                return;
            }
            ctx.env().startThread("lesson09-page", () -> serve(c));
        }
    }

    private void serve(TcpConnection raw) {
        try (TlsConnection tls = Tls.server(raw, certificate.serverContext())) {
            tls.readTimeout(Duration.ofSeconds(10));
            tls.handshake();
            InputStream in = new BufferedInputStream(tls.input());
            String path = requestPath(in);
            byte[] body = page(path);
            OutputStream out = tls.output();
            String status = body == null ? "404 Not Found" : "200 OK";
            byte[] content = body == null ? new byte[0] : body;
            out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + content.length
                    + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
        } catch (IOException e) {
            // A browser gives up on connections it no longer needs.
        }
    }

    /** The path of the request line; the rest of the head is read and dropped. */
    private static String requestPath(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 16384) {
                break;
            }
            head.append((char) b);
        }
        String[] line = head.toString().split(" ", 3);
        String path = line.length > 1 ? line[1] : "/";
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static byte[] page(String path) throws IOException {
        if (!path.matches("/[a-z]+\\.html")) {
            return null;
        }
        try (InputStream page = PageServer.class.getResourceAsStream(path.substring(1))) {
            return page == null ? null : page.readAllBytes();
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
