package org.transformerguide.playground.tokenizer;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One token per character (Unicode code point), as in nanoGPT's Shakespeare example: the vocabulary
 * is the corpus's distinct characters in ascending order, so the ids of a corpus's characters are the
 * same as nanoGPT's {@code meta.pkl} gives. One extra id after them, {@link #fallbackId()}, stands for
 * every character the corpus did not contain; it decodes to U+FFFD (the replacement character).
 *
 * <p>Code points rather than Java {@code char}s, so an emoji or a CJK extension character is one
 * token, not two surrogate halves.
 */
public final class CharTokenizer implements Tokenizer {

    static final String HEADER = "char-tokenizer v1";
    private static final int REPLACEMENT = 0xFFFD;

    /** The known characters, ascending; a character's id is its index here. */
    private final int[] codePoints;

    private CharTokenizer(int[] sortedDistinctCodePoints) {
        this.codePoints = sortedDistinctCodePoints;
    }

    /** The tokenizer whose vocabulary is every distinct character of {@code corpus}. */
    public static CharTokenizer fromCorpus(String corpus) {
        return new CharTokenizer(corpus.codePoints().sorted().distinct().toArray());
    }

    /** The id every unknown character maps to: the last id. */
    public int fallbackId() {
        return codePoints.length;
    }

    @Override
    public int vocabSize() {
        return codePoints.length + 1;
    }

    @Override
    public int[] encode(String text) {
        return text.codePoints().map(this::idOf).toArray();
    }

    private int idOf(int codePoint) {
        int index = Arrays.binarySearch(codePoints, codePoint);
        return index >= 0 ? index : fallbackId();
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder(ids.length);
        for (int id : ids) {
            text.appendCodePoint(codePointOf(id));
        }
        return text.toString();
    }

    @Override
    public String tokenText(int id) {
        return Character.toString(codePointOf(id));
    }

    private int codePointOf(int id) {
        if (id < 0 || id > codePoints.length) {
            throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary [0, " + vocabSize() + ")");
        }
        return id == fallbackId() ? REPLACEMENT : codePoints[id];
    }

    /** Header line, then the known characters as hexadecimal code points on one line. */
    @Override
    public String serialize() {
        return HEADER + "\n" + Arrays.stream(codePoints).mapToObj(Integer::toHexString).collect(Collectors.joining(" ")) + "\n";
    }

    static CharTokenizer deserialize(String form) {
        List<String> lines = form.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("Not a serialized character tokenizer");
        }
        String body = lines.size() > 1 ? lines.get(1).strip() : "";
        int[] points = body.isEmpty() ? new int[0] : Arrays.stream(body.split(" ")).mapToInt(hex -> Integer.parseInt(hex, 16)).toArray();
        for (int i = 1; i < points.length; i++) {
            if (points[i] <= points[i - 1]) {
                throw new IllegalArgumentException("Character tokenizer code points must be strictly ascending");
            }
        }
        return new CharTokenizer(points);
    }
}
