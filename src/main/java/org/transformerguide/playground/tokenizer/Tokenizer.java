package org.transformerguide.playground.tokenizer;

/**
 * Text to token ids and back: the model only ever sees ids in {@code [0, vocabSize())}.
 *
 * <p>Every implementation accepts any Java string without throwing (characters it has never seen
 * map to a defined fallback), and {@link #serialize()} gives a versioned text form that is saved
 * with a model, so a trained model is always read back with exactly the tokenizer it learned with.
 */
public interface Tokenizer {

    /** The ids of {@code text}; never throws for any input, unknown characters get a fallback id. */
    int[] encode(String text);

    /** The text of a sequence of ids. Throws {@link IllegalArgumentException} for an id outside the vocabulary. */
    String decode(int[] ids);

    /**
     * The text of one token, for showing token boundaries and next-token candidates. For a byte-level
     * tokenizer a token may hold part of a multi-byte character; its text then contains U+FFFD.
     */
    String tokenText(int id);

    /** Number of distinct ids, the model's {@code vocabSize}. */
    int vocabSize();

    /** A versioned, line-based text form from which {@link #deserialize(String)} rebuilds this tokenizer. */
    String serialize();

    /** Rebuilds a tokenizer from {@link #serialize()}'s text; {@link IllegalArgumentException} if it is not one. */
    static Tokenizer deserialize(String form) {
        String header = form.lines().findFirst().orElse("");
        if (header.equals(CharTokenizer.HEADER)) {
            return CharTokenizer.deserialize(form);
        }
        if (header.equals(BytePairTokenizer.HEADER)) {
            return BytePairTokenizer.deserialize(form);
        }
        throw new IllegalArgumentException("Not a serialized tokenizer (header '" + header + "')");
    }
}
