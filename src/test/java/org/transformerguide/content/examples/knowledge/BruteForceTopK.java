package org.transformerguide.content.examples.knowledge;

import java.util.Arrays;
import java.util.Comparator;

/** Exact k-nearest-neighbor search: score every document, keep the k best. */
public final class BruteForceTopK {

    private BruteForceTopK() {
    }

    /** Cosine similarity of the query with every document, in document order. */
    public static double[] scores(float[][] docs, float[] query) {
        double[] scores = new double[docs.length];
        for (int i = 0; i < docs.length; i++) {
            scores[i] = VectorMath.cosine(docs[i], query);
        }
        return scores;
    }

    /** Indices of the k most similar documents, best first (ties go to the lower index). */
    public static int[] topK(float[][] docs, float[] query, int k) {
        double[] scores = scores(docs, query);
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // A full sort costs O(n log n); a size-k heap would do O(n log k). Both touch all n vectors.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        int[] best = new int[Math.min(k, order.length)];
        for (int i = 0; i < best.length; i++) {
            best[i] = order[i];
        }
        return best;
    }

    public static void main(String[] args) {
        double[] scores = scores(ToyCorpus.VECTORS, ToyCorpus.QUERY);
        for (int i : topK(ToyCorpus.VECTORS, ToyCorpus.QUERY, 3)) {
            System.out.printf("d%d  %.3f  %s%n", i, scores[i], ToyCorpus.TITLES[i]);
        }
    }
}
