package org.transformerguide.playground.bench;

import java.util.Locale;
import org.transformerguide.playground.service.GuideCorpus;
import org.transformerguide.playground.tokenizer.BytePairTokenizer;

/**
 * The measurement behind the default model's vocabulary size: for each candidate size, byte-level BPE
 * learned on the guide's training sections, then how many characters one token covers on the held-out
 * sections (more characters per token = more text per block and per training step), how long learning
 * the merges takes, and the embedding table's share of a width-192 model's parameters.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=org.transformerguide.playground.bench.BpeVocabularyBench}.
 */
public final class BpeVocabularyBench {

    private BpeVocabularyBench() {
    }

    public static void main(String[] args) {
        GuideCorpus corpus = GuideText.corpus();
        System.out.printf(Locale.ROOT, "guide: %,d training characters, %,d held-out characters%n",
                corpus.training().length(), corpus.heldOut().length());
        System.out.println("vocab  learn s  train tokens  held-out chars/token  train tokens per type");
        for (int vocab : new int[] {384, 512, 768, 1024, 1536, 2048, 3072}) {
            long start = System.nanoTime();
            BytePairTokenizer bpe = BytePairTokenizer.train(corpus.training(), vocab);
            double seconds = (System.nanoTime() - start) / 1e9;
            int train = bpe.encode(corpus.training()).length;
            int held = bpe.encode(corpus.heldOut()).length;
            System.out.printf(Locale.ROOT, "%5d  %7.1f  %,12d  %20.2f  %21.0f%n", bpe.vocabSize(), seconds, train,
                    (double) corpus.heldOut().length() / held, (double) train / bpe.vocabSize());
        }
    }
}
