package org.transformerguide.pages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One page as it goes over the wire: its final HTML bytes, a gzip copy made once, and their strong
 * ETags (a different tag per encoding, as HTTP asks, so a cache never mixes the two up).
 */
public record PageArtifact(String path, byte[] html, byte[] gzip, String etag, String gzipEtag) {

    public static PageArtifact of(String path, String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        String tag = hashOf(bytes);
        return new PageArtifact(path, bytes, gzip(bytes), "\"" + tag + "\"", "\"" + tag + "-gz\"");
    }

    public String text() {
        return new String(html, StandardCharsets.UTF_8);
    }

    /** True when an If-None-Match header names one of this page's current tags (or is "*"). */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2); // weak comparison is what If-None-Match uses
            }
            if (t.equals("*") || t.equals(etag) || t.equals(gzipEtag)) {
                return true;
            }
        }
        return false;
    }

    private static String hashOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        // Compressed once per content version, so the slowest, smallest setting costs nothing per request.
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
