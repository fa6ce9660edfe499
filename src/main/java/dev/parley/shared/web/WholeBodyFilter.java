package dev.parley.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request's body (all but multipart uploads) up to {@value #LIMIT} bytes before anything answers
 * the request, and hands the request on with that body. Jetty closes a keep-alive connection after an
 * answer given without reading the whole body (a 400 for a bad path id, say), and once Spring committed
 * that answer Jetty cannot say so ({@code Connection: close}): the client's next request on the connection
 * then went into a closing socket and got no answer. Read first, nothing is left unread. A larger body is
 * read on as the handler reads it (it is refused with 413 anyway).
 */
final class WholeBodyFilter extends OncePerRequestFilter {

    /** The most bytes read ahead, as large as any REST body may be (1 MiB, see application.properties). */
    static final int LIMIT = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean body = length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null);
        String type = request.getContentType();
        boolean multipart =
                type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
        if (!body || multipart || length > LIMIT) {
            chain.doFilter(request, response);
            return;
        }
        InputStream in = request.getInputStream();
        byte[] read = in.readNBytes(LIMIT);
        chain.doFilter(new ReadBody(request, read, in), response);
    }

    /** The request, its body coming from the bytes read ahead and then whatever is left. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final ServletInputStream body;

        ReadBody(HttpServletRequest request, byte[] read, InputStream rest) {
            super(request);
            InputStream all = new SequenceInputStream(new ByteArrayInputStream(read), rest);
            this.body = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = all.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = all.read(buffer, offset, length);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read ahead; read it blocking");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(body, charset));
        }
    }
}
