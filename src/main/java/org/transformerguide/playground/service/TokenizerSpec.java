package org.transformerguide.playground.service;

import java.util.Locale;
import org.transformerguide.playground.tokenizer.BytePairTokenizer;
import org.transformerguide.playground.tokenizer.CharTokenizer;
import org.transformerguide.playground.tokenizer.Tokenizer;

/**
 * Which tokenizer a training job learns from its corpus: one token per character, or byte-level BPE with
 * {@code vocabSize} tokens (256 bytes plus the merges; fewer if the corpus runs out of repeated pairs).
 * Either way the tokenizer is saved in the checkpoint with the weights.
 */
public record TokenizerSpec(Kind kind, int vocabSize) {

    public enum Kind {
        CHAR, BPE;

        /** "char" or "bpe", as the API spells it. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final TokenizerSpec CHAR = new TokenizerSpec(Kind.CHAR, 0);

    public TokenizerSpec {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
        if (kind == Kind.BPE && vocabSize <= 256) {
            throw new IllegalArgumentException("A byte-level BPE vocabulary needs more than 256 tokens, not " + vocabSize);
        }
    }

    public static TokenizerSpec bpe(int vocabSize) {
        return new TokenizerSpec(Kind.BPE, vocabSize);
    }

    /** Learns this tokenizer from {@code corpus}. */
    public Tokenizer learn(String corpus) {
        return kind == Kind.CHAR ? CharTokenizer.fromCorpus(corpus) : BytePairTokenizer.train(corpus, vocabSize);
    }

    /** "char" or "bpe" for a trained tokenizer. */
    public static String idOf(Tokenizer tokenizer) {
        return (tokenizer instanceof BytePairTokenizer ? Kind.BPE : Kind.CHAR).id();
    }
}
