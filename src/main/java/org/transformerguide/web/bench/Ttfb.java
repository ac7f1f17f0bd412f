package org.transformerguide.web.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Time to first byte of the pages over one keep-alive connection: from writing the request to reading
 * the response's first byte (then the whole response is read, by its Content-Length).
 */
record Ttfb(int count, double medianMillis, double p99Millis) {

    static Ttfb measure(String host, int port, List<String> paths, int requests) throws IOException {
        long[] nanos = new long[requests];
        String last = "nothing";
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = -200; i < requests; i++) { // 200 unmeasured first: warm-up
                String path = paths.get(Math.floorMod(i, paths.size()));
                byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                long start = System.nanoTime();
                out.write(request);
                out.flush();
                int first = in.read();
                long elapsed = System.nanoTime() - start;
                if (first < 0) {
                    throw new IOException("connection closed after " + last);
                }
                last = readRest(in);
                if (i >= 0) {
                    nanos[i] = elapsed;
                }
            }
        }
        Arrays.sort(nanos);
        return new Ttfb(requests, nanos[requests / 2] / 1e6, nanos[(int) (requests * 0.99)] / 1e6);
    }

    /** The rest of the head, then exactly Content-Length bytes of body. */
    private static String readRest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 'H';
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the head");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        long length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(line.substring(15).strip());
            }
        }
        in.readNBytes((int) length);
        return text.lines().findFirst().orElse("");
    }
}
