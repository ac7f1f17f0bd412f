package org.transformerguide.playground.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.transformerguide.playground.tokenizer.Tokenizer;

/**
 * A model's token embedding table (wte, one row of nEmbd numbers per vocabulary token) seen two ways:
 * flattened onto its two principal components for a scatter plot, and searched in full for the tokens
 * whose vectors point the same way (cosine similarity). Built once per served model and then only read.
 */
public final class EmbeddingMap {

    /** One token as a point of the scatter plot. */
    public record Point(int id, String text, double x, double y) {
    }

    /** A token close to the one asked about, and how close (cosine similarity, -1 to 1). */
    public record Neighbour(int id, String text, double similarity) {
    }

    private final float[][] vectors;   // wte [V, C]
    private final double[] norms;      // ‖wte[i]‖ [V]
    private final List<Point> points;
    private final double[] explainedVarianceRatio;
    private final List<String> texts;

    private EmbeddingMap(float[][] vectors, List<String> texts) {
        this.vectors = vectors;
        this.texts = texts;
        norms = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            double sum = 0;
            for (float v : vectors[i]) {
                sum += (double) v * v;
            }
            norms[i] = Math.sqrt(sum);
        }
        PrincipalComponents pca = PrincipalComponents.of(vectors, 2);
        explainedVarianceRatio = pca.explainedVarianceRatio();
        List<Point> list = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            double[] xy = pca.project(vectors[i]);
            list.add(new Point(i, texts.get(i), xy[0], xy[1]));
        }
        points = List.copyOf(list);
    }

    /** The map of {@code tokenEmbeddings} [V, C] (V ≥ 2, C ≥ 2), labelled by {@code tokenizer}'s token texts. */
    public static EmbeddingMap of(float[][] tokenEmbeddings, Tokenizer tokenizer) {
        List<String> texts = new ArrayList<>(tokenEmbeddings.length);
        for (int i = 0; i < tokenEmbeddings.length; i++) {
            texts.add(tokenizer.tokenText(i));
        }
        return new EmbeddingMap(tokenEmbeddings, texts);
    }

    public List<Point> points() {
        return points;
    }

    /** The share of the embeddings' variance the x and y axes show. */
    public double[] explainedVarianceRatio() {
        return explainedVarianceRatio.clone();
    }

    public int vocabSize() {
        return vectors.length;
    }

    public int dimensions() {
        return vectors[0].length;
    }

    public String text(int id) {
        return texts.get(id);
    }

    /** The first token whose text is exactly {@code text}, or -1. */
    public int idOf(String text) {
        return texts.indexOf(text);
    }

    /**
     * The {@code k} tokens (other than {@code id}) whose embeddings have the largest cosine similarity with
     * token {@code id}'s, most similar first, ties by smaller id; fewer when the vocabulary is smaller. A
     * zero vector is similar to nothing (similarity 0).
     */
    public List<Neighbour> neighbours(int id, int k) {
        if (id < 0 || id >= vectors.length) {
            throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary [0, " + vectors.length + ")");
        }
        Comparator<Neighbour> worstFirst = Comparator.comparingDouble(Neighbour::similarity)
                .thenComparing(Comparator.comparingInt(Neighbour::id).reversed());
        PriorityQueue<Neighbour> best = new PriorityQueue<>(worstFirst);
        for (int j = 0; j < vectors.length; j++) {
            if (j == id) {
                continue;
            }
            best.add(new Neighbour(j, texts.get(j), cosine(id, j)));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Neighbour> list = new ArrayList<>(best);
        list.sort(worstFirst.reversed());
        return list;
    }

    private double cosine(int a, int b) {
        if (norms[a] == 0 || norms[b] == 0) {
            return 0;
        }
        double dot = 0;
        float[] u = vectors[a];
        float[] v = vectors[b];
        for (int i = 0; i < u.length; i++) {
            dot += (double) u[i] * v[i];
        }
        return dot / (norms[a] * norms[b]);
    }
}
