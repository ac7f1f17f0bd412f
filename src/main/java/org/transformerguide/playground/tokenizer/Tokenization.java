package org.transformerguide.playground.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.transformerguide.tokens.PublishedTokenizers;

/**
 * A text cut into tokens, with where each token sits in the text, for showing token boundaries.
 *
 * @param tokenizer a name for the reader ("this model (character-level)", "GPT-2 (r50k_base)")
 * @param count     the number of tokens
 * @param tokens    the tokens in order
 */
public record Tokenization(String tokenizer, int count, List<Token> tokens) {

    /**
     * One token: its id, its own text, and the characters of the input it covers, {@code [start, end)} in
     * UTF-16 units (Java's and JavaScript's string indices). Spans are contiguous and cover the text.
     * A byte-level token can hold only part of a character's UTF-8 bytes: the character then belongs to
     * the token holding its first byte, so a token made only of a character's later bytes has an empty
     * span, and its {@code text} shows U+FFFD.
     */
    public record Token(int id, String text, int start, int end) {
    }

    public Tokenization {
        tokens = List.copyOf(tokens);
    }

    /** The tokenization of {@code text} by one of the playground's tokenizers. */
    public static Tokenization of(String name, Tokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text);
        List<Token> tokens = new ArrayList<>(ids.length);
        if (tokenizer instanceof BytePairTokenizer bpe) {
            byte[][] bytes = new byte[ids.length][];
            for (int i = 0; i < ids.length; i++) {
                bytes[i] = bpe.tokenBytes(ids[i]);
            }
            return fromBytes(name, text, ids, bytes);
        }
        // Every other tokenizer (the character-level one) reads one code point per token.
        int position = 0;
        for (int id : ids) {
            int end = position + Character.charCount(text.codePointAt(position));
            tokens.add(new Token(id, tokenizer.tokenText(id), position, end));
            position = end;
        }
        return new Tokenization(name, ids.length, tokens);
    }

    /**
     * Tokens given as ids and the UTF-8 bytes each stands for (concatenated, they are the text's UTF-8
     * encoding); their spans are found by walking the text's characters alongside the bytes.
     */
    public static Tokenization fromBytes(String name, String text, int[] ids, byte[][] tokenBytes) {
        // charAtByte[b] = the index of the character holding byte b, rounded up to the next character
        // boundary when b falls inside a character (see Token).
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        int[] boundary = new int[all.length + 1];
        int b = 0;
        for (int c = 0; c < text.length(); ) {
            int codePoint = text.codePointAt(c);
            int chars = Character.charCount(codePoint);
            int length = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8).length;
            boundary[b] = c;
            for (int inside = 1; inside < length && b + inside <= all.length; inside++) {
                boundary[b + inside] = c + chars;
            }
            b += length;
            c += chars;
        }
        boundary[Math.min(b, all.length)] = text.length();
        List<Token> tokens = new ArrayList<>(ids.length);
        int offset = 0;
        for (int i = 0; i < ids.length; i++) {
            int start = boundary[Math.min(offset, all.length)];
            offset += tokenBytes[i].length;
            int end = boundary[Math.min(offset, all.length)];
            tokens.add(new Token(ids[i], new String(tokenBytes[i], StandardCharsets.UTF_8), start, end));
        }
        return new Tokenization(name, ids.length, tokens);
    }

    /** The tokenization of {@code text} by a published tokenizer (GPT-2's, cl100k_base). */
    public static Tokenization of(PublishedTokenizers published, String text) {
        int[] ids = published.encode(text);
        return fromBytes(published.label(), text, ids, published.tokenBytes(ids));
    }
}
