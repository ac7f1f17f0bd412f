package org.transformerguide.content.examples.knowledge;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Recall versus work: TinyHnsw against exact search on random vectors, for several beam widths ef. */
public final class HnswRecallDemo {

    public static final int N = 2000;
    public static final int DIM = 16;
    public static final int QUERIES = 100;
    public static final int K = 10;

    private HnswRecallDemo() {
    }

    /** Returns, for each ef, {ef, recall@K averaged over the queries, vector comparisons per query}. */
    public static double[][] run(int[] efs) {
        Random random = new Random(7);
        float[][] data = randomVectors(random, N);
        float[][] queries = randomVectors(random, QUERIES);
        TinyHnsw index = new TinyHnsw(8, 64, 42);
        for (float[] v : data) {
            index.add(v);
        }
        double[][] rows = new double[efs.length][];
        for (int e = 0; e < efs.length; e++) {
            int hits = 0;
            long before = index.distanceCount();
            for (float[] q : queries) {
                Set<Integer> approx = new HashSet<>(index.search(q, K, efs[e]));
                for (int id : BruteForceTopK.topK(data, q, K)) {
                    hits += approx.contains(id) ? 1 : 0;
                }
            }
            double comparisons = (index.distanceCount() - before) / (double) QUERIES;
            rows[e] = new double[] {efs[e], hits / (double) (QUERIES * K), comparisons};
        }
        return rows;
    }

    private static float[][] randomVectors(Random random, int count) {
        float[][] vectors = new float[count][DIM];
        for (float[] v : vectors) {
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) random.nextGaussian();
            }
        }
        return vectors;
    }

    public static void main(String[] args) {
        System.out.println("ef  recall@10  comparisons/query  (exact search: " + N + ")");
        for (double[] row : run(new int[] {10, 20, 40, 80})) {
            System.out.printf("%3.0f  %.3f  %.1f%n", row[0], row[1], row[2]);
        }
    }
}
