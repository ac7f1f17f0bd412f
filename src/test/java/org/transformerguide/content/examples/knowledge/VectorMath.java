package org.transformerguide.content.examples.knowledge;

/** The three ways to compare two embedding vectors, written out with plain loops. */
public final class VectorMath {

    private VectorMath() {
    }

    /** Sum of element-wise products: large when the vectors point the same way AND are long. */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimensions differ: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** Euclidean length, the square root of the vector's dot product with itself. */
    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Cosine of the angle between a and b: the dot product of the two unit vectors, in [-1, 1]. */
    public static double cosine(float[] a, float[] b) {
        return dot(a, b) / (norm(a) * norm(b));
    }

    /** Straight-line distance between the two points; smaller means more similar. */
    public static double euclidean(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = a[i] - b[i];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    /** A copy of v scaled to length 1, after which dot product and cosine agree. */
    public static float[] normalize(float[] v) {
        double length = norm(v);
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] / length);
        }
        return unit;
    }
}
