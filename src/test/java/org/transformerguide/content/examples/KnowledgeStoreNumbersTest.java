package org.transformerguide.content.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.WorkedNumbers;
import org.transformerguide.content.examples.knowledge.BruteForceTopK;
import org.transformerguide.content.examples.knowledge.HnswRecallDemo;
import org.transformerguide.content.examples.knowledge.LuceneHnswSearch;
import org.transformerguide.content.examples.knowledge.TinyHnsw;
import org.transformerguide.content.examples.knowledge.ToyCorpus;
import org.transformerguide.content.examples.knowledge.VectorMath;
import org.transformerguide.testing.SelfContained;

/**
 * Recomputes the worked numbers of content/knowledge_store.md from the inputs printed there, and runs the
 * Java examples shown in the document to check that they agree with the printed numbers.
 */
@SelfContained
class KnowledgeStoreNumbersTest {

    private static final String DOC = "knowledge_store";

    // ---- section 2: a feed-forward block as a key-value memory ----

    @Test
    void feedForwardMemoryIsComputedAsPrinted() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-ffn-memory");
        double[][] h = Mat.relu(Mat.add(Mat.mul(n.matrix("x"), n.matrix("W1")), n.vector("b1")));
        n.assertMatches("h", h);
        n.assertMatches("y", Mat.mul(h, n.matrix("W2")));
    }

    // ---- section 4: cost of exact search, product quantization ----

    @Test
    void bruteForceCostIsComputedAsPrinted() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-brute-force-cost");
        double numbers = n.scalar("n") * n.scalar("m");
        double bytes = 4 * numbers;
        n.assertMatches("bytes", bytes);
        n.assertMatches("flops", 2 * numbers);
        n.assertMatches("seconds", bytes / (n.scalar("bandwidth_gbs") * 1e9));
    }

    @Test
    void productQuantizationMemoryIsComputedAsPrinted() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-pq-memory");
        double m = n.scalar("m");
        double s = n.scalar("s");
        double floatBytes = 4 * m;
        double codeBytes = s; // one byte (256 centroids) per sub-vector
        n.assertMatches("float_bytes", floatBytes);
        n.assertMatches("code_bytes", codeBytes);
        n.assertMatches("ratio", floatBytes / codeBytes);
        n.assertMatches("index_bytes", n.scalar("n") * codeBytes);
        n.assertMatches("codebook_bytes", s * 256 * (m / s) * 4);
    }

    // ---- section 5: retrieval metrics ----

    @Test
    void retrievalMetricsAreComputedAsPrinted() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-retrieval-metrics");
        double[] ranks = n.vector("ranks"); // 0 means "not retrieved"
        int within1 = 0;
        int within3 = 0;
        double reciprocalSum = 0;
        for (double rank : ranks) {
            if (rank >= 1) {
                within1 += rank <= 1 ? 1 : 0;
                within3 += rank <= 3 ? 1 : 0;
                reciprocalSum += 1.0 / rank;
            }
        }
        n.assertMatches("recall_at_1", within1 / (double) ranks.length);
        n.assertMatches("recall_at_3", within3 / (double) ranks.length);
        n.assertMatches("mrr", reciprocalSum / ranks.length);
    }

    // ---- section 6: the toy corpus, by hand ----

    @Test
    void toyCorpusInJavaIsTheCorpusPrintedInTheText() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-toy-vectors");
        double[][] d = n.matrix("D");
        assertEquals(d.length, ToyCorpus.VECTORS.length);
        assertEquals(d.length, ToyCorpus.TITLES.length);
        for (int i = 0; i < d.length; i++) {
            assertArrayEquals(d[i], toDouble(ToyCorpus.VECTORS[i]), 0.0, "row " + i);
        }
        assertArrayEquals(n.vector("q"), toDouble(ToyCorpus.QUERY), 0.0);
    }

    @Test
    void cosineSimilaritiesAreComputedAsPrinted() {
        WorkedNumbers in = WorkedNumbers.read(DOC, "ks-toy-vectors");
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-cosine-scores");
        double[][] d = in.matrix("D");
        double[] q = in.vector("q");
        double[] dots = new double[d.length];
        double[] norms = new double[d.length];
        double[] cos = new double[d.length];
        double qNorm = Math.sqrt(Mat.dot(q, q));
        for (int i = 0; i < d.length; i++) {
            dots[i] = Mat.dot(d[i], q);
            norms[i] = Math.sqrt(Mat.dot(d[i], d[i]));
            cos[i] = dots[i] / (norms[i] * qNorm);
        }
        n.assertMatches("dots", dots);
        n.assertMatches("norms", norms);
        n.assertMatches("q_norm", qNorm);
        n.assertMatches("cos", cos);

        // VectorMath, as shown in the text, gives the same similarities.
        double[] fromJava = BruteForceTopK.scores(toFloat(d), toFloat(q));
        for (int i = 0; i < d.length; i++) {
            assertEquals(VectorMath.cosine(toFloat(d[i]), toFloat(q)), fromJava[i], 0.0);
        }
        n.assertMatches("cos", fromJava);
    }

    @Test
    void rankingsUnderTheThreeMetricsAreComputedAsPrinted() {
        WorkedNumbers in = WorkedNumbers.read(DOC, "ks-toy-vectors");
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-metric-rankings");
        double[][] d = in.matrix("D");
        double[] q = in.vector("q");
        double[] cos = new double[d.length];
        double[] dots = new double[d.length];
        double[] euclid = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            dots[i] = Mat.dot(d[i], q);
            cos[i] = dots[i] / Math.sqrt(Mat.dot(d[i], d[i]) * Mat.dot(q, q));
            euclid[i] = distance(d[i], q);
        }
        n.assertMatches("euclid", euclid);
        n.assertMatches("rank_cos", order(cos, true));
        n.assertMatches("rank_dot", order(dots, true));
        n.assertMatches("rank_euclid", order(euclid, false));
        assertEquals(VectorMath.euclidean(toFloat(d[2]), toFloat(q)), euclid[2], 1e-6);
    }

    @Test
    void normalizedVectorsAreComputedAsPrinted() {
        WorkedNumbers in = WorkedNumbers.read(DOC, "ks-toy-vectors");
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-normalized");
        double[][] d = in.matrix("D");
        double[][] unit = new double[d.length][];
        for (int i = 0; i < d.length; i++) {
            unit[i] = unit(d[i]);
        }
        double[] qHat = unit(in.vector("q"));
        n.assertMatches("q_hat", qHat);
        n.assertMatches("d4_hat", unit[4]);
        n.assertMatches("d2_hat", unit[2]);
        n.assertMatches("cos4", Mat.dot(qHat, unit[4]));
        n.assertMatches("cos2", Mat.dot(qHat, unit[2]));
        n.assertMatches("dist4_sq", Math.pow(distance(qHat, unit[4]), 2));
        n.assertMatches("dist2_sq", Math.pow(distance(qHat, unit[2]), 2));
        double[] dots = new double[d.length];
        double[] dists = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            dots[i] = Mat.dot(unit[i], qHat);
            dists[i] = distance(unit[i], qHat);
        }
        n.assertMatches("rank_dot_unit", order(dots, true));
        n.assertMatches("rank_euclid_unit", order(dists, false));
        // VectorMath.normalize, as shown in the text, produces the same unit vector.
        n.assertMatches("q_hat", toDouble(VectorMath.normalize(toFloat(in.vector("q")))));
    }

    @Test
    void bruteForceTopKIsComputedAsPrinted() {
        WorkedNumbers in = WorkedNumbers.read(DOC, "ks-toy-vectors");
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-top3");
        double[][] d = in.matrix("D");
        double[] q = in.vector("q");
        int k = (int) n.scalar("k");
        double[] cos = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            cos[i] = Mat.dot(d[i], q) / Math.sqrt(Mat.dot(d[i], d[i]) * Mat.dot(q, q));
        }
        double[] top = Arrays.copyOf(order(cos, true), k);
        n.assertMatches("top", top);
        n.assertMatches("top_cos", pick(cos, top));
        // The Java example returns the same indices.
        n.assertMatches("top", toDouble(BruteForceTopK.topK(toFloat(d), toFloat(q), k)));
    }

    // ---- section 6: the Java examples agree with the printed numbers ----

    @Test
    void luceneHnswReturnsTheBruteForceTop3WithPrintedScores() throws IOException {
        WorkedNumbers in = WorkedNumbers.read(DOC, "ks-toy-vectors");
        WorkedNumbers top = WorkedNumbers.read(DOC, "ks-top3");
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-lucene-top3");
        int k = (int) top.scalar("k");
        List<LuceneHnswSearch.Hit> hits = LuceneHnswSearch.search(toFloat(in.matrix("D")), toFloat(in.vector("q")), k);
        double[] ids = new double[hits.size()];
        double[] scores = new double[hits.size()];
        double[] cosines = new double[hits.size()];
        for (int i = 0; i < hits.size(); i++) {
            ids[i] = hits.get(i).doc();
            scores[i] = hits.get(i).score();
            cosines[i] = hits.get(i).cosine();
        }
        n.assertMatches("hits", ids);
        n.assertMatches("scores", scores);
        assertArrayEquals(top.vector("top"), ids, 0.0, "Lucene's top-k equals the brute-force top-k");
        top.assertMatches("top_cos", cosines);
        // Lucene's COSINE score is (1 + cos) / 2 of the brute-force cosines.
        double[] fromCos = Arrays.stream(top.vector("top_cos")).map(c -> (1 + c) / 2).toArray();
        assertArrayEquals(fromCos, scores, 0.001);
    }

    @Test
    void tinyHnswReturnsTheBruteForceTop3OnTheToyCorpus() {
        WorkedNumbers in = WorkedNumbers.read(DOC, "ks-toy-vectors");
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-top3");
        float[][] d = toFloat(in.matrix("D"));
        TinyHnsw index = new TinyHnsw(2, 4, 1);
        for (float[] v : d) {
            index.add(v);
        }
        List<Integer> found = index.search(toFloat(in.vector("q")), (int) n.scalar("k"), 4);
        n.assertMatches("top", found.stream().mapToDouble(Integer::doubleValue).toArray());
    }

    @Test
    void hnswRecallTableIsReproducedByTheDemo() {
        WorkedNumbers n = WorkedNumbers.read(DOC, "ks-hnsw-recall");
        int[] efs = Arrays.stream(n.vector("ef")).mapToInt(v -> (int) v).toArray();
        double[][] rows = HnswRecallDemo.run(efs);
        n.assertMatches("ef", Arrays.stream(rows).mapToDouble(r -> r[0]).toArray());
        n.assertMatches("recall", Arrays.stream(rows).mapToDouble(r -> r[1]).toArray());
        n.assertMatches("comparisons", Arrays.stream(rows).mapToDouble(r -> r[2]).toArray());
    }

    // ---- helpers ----


    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static double[] unit(double[] v) {
        double norm = Math.sqrt(Mat.dot(v, v));
        return Arrays.stream(v).map(x -> x / norm).toArray();
    }

    /** Indices sorted by score (best first), ties to the lower index, as doubles for assertMatches. */
    private static double[] order(double[] score, boolean higherIsBetter) {
        Comparator<Integer> byScore = Comparator.comparingDouble(i -> higherIsBetter ? -score[i] : score[i]);
        return java.util.stream.IntStream.range(0, score.length).boxed()
                .sorted(byScore.thenComparingInt(i -> i))
                .mapToDouble(Integer::doubleValue).toArray();
    }

    private static double[] pick(double[] values, double[] indices) {
        return Arrays.stream(indices).map(i -> values[(int) i]).toArray();
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double[] toDouble(int[] v) {
        return Arrays.stream(v).asDoubleStream().toArray();
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static float[][] toFloat(double[][] m) {
        float[][] out = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = toFloat(m[i]);
        }
        return out;
    }
}
