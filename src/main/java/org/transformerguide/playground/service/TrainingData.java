package org.transformerguide.playground.service;

import java.util.Arrays;
import org.transformerguide.playground.tokenizer.Tokenizer;

/**
 * A job's tokens: the tokenizer learned from the training text, the training tokens, and the held-out
 * tokens with the number of characters they encode (for bits per character). With a held-out text (the
 * guide's held-out sections) the two parts are separate texts and the tokenizer never sees the held-out
 * one; without, the last 10% of the corpus's tokens are held out.
 */
record TrainingData(Tokenizer tokenizer, int[] train, int[] heldOut, long heldOutCharacters) {

    static TrainingData of(TrainingRequest r) {
        Tokenizer tokenizer = r.tokenizer().learn(r.corpus());
        int time = r.preset().blockSize();
        if (r.heldOut().isEmpty()) {
            int[] tokens = tokenizer.encode(r.corpus());
            if (!longEnough(tokens.length, time)) {
                throw new IllegalArgumentException("The corpus is too short: its last 10% must hold more than " + time + " tokens");
            }
            int split = splitPoint(tokens.length);         // first 90% train, last 10% validate
            int[] heldOut = Arrays.copyOfRange(tokens, split, tokens.length);
            return new TrainingData(tokenizer, Arrays.copyOfRange(tokens, 0, split), heldOut, tokenizer.decode(heldOut).length());
        }
        int[] train = tokenizer.encode(r.corpus());
        int[] heldOut = tokenizer.encode(r.heldOut());
        if (train.length < time + 1 || heldOut.length < 2) {
            throw new IllegalArgumentException("The corpus is too short for a block of " + time + " tokens");
        }
        return new TrainingData(tokenizer, train, heldOut, r.heldOut().length());
    }

    /** Where a corpus of {@code tokens} tokens is split: the first 90% trains, the rest validates. */
    static int splitPoint(int tokens) {
        return (int) (tokens * 0.9);
    }

    /** True if both parts of a corpus of {@code tokens} tokens hold a window of {@code blockSize} + 1 tokens. */
    static boolean longEnough(int tokens, int blockSize) {
        int split = splitPoint(tokens);
        return tokens - split >= blockSize + 1 && split >= blockSize + 1;
    }
}
