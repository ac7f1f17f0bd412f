package org.transformerguide.content.examples.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/** A small HNSW-style index for reading, not production: layered neighbor graphs, cosine distance. */
public final class TinyHnsw {

    private final int m;               // links a node keeps per layer (2m on layer 0)
    private final int efConstruction;  // beam width while inserting
    private final Random random;
    private final List<float[]> vectors = new ArrayList<>();
    private final List<List<List<Integer>>> links = new ArrayList<>(); // node -> layer -> neighbors
    private int entryPoint = -1;
    private int topLayer = -1;
    private long distanceCount;

    public TinyHnsw(int m, int efConstruction, long seed) {
        this.m = m;
        this.efConstruction = efConstruction;
        this.random = new Random(seed);
    }

    public void add(float[] vector) {
        int id = vectors.size();
        vectors.add(vector);
        // Layer drawn from a geometric-like law: about 1 node in m reaches layer 1, 1 in m*m layer 2, ...
        int level = (int) (-StrictMath.log(1.0 - random.nextDouble()) / StrictMath.log(m));
        List<List<Integer>> own = new ArrayList<>();
        for (int layer = 0; layer <= level; layer++) {
            own.add(new ArrayList<>());
        }
        links.add(own);
        if (entryPoint < 0) {
            entryPoint = id;
            topLayer = level;
            return;
        }
        int current = entryPoint;
        for (int layer = topLayer; layer > level; layer--) {
            current = searchLayer(vector, current, 1, layer).get(0); // greedy descent
        }
        for (int layer = Math.min(level, topLayer); layer >= 0; layer--) {
            List<Integer> nearest = searchLayer(vector, current, efConstruction, layer);
            for (int neighbor : nearest.subList(0, Math.min(m, nearest.size()))) {
                own.get(layer).add(neighbor);
                link(neighbor, id, layer);
            }
            current = nearest.get(0);
        }
        if (level > topLayer) {
            entryPoint = id;
            topLayer = level;
        }
    }

    /** Adds a back link; if the node now has too many, it keeps only its closest ones. */
    private void link(int node, int newcomer, int layer) {
        List<Integer> neighbors = links.get(node).get(layer);
        neighbors.add(newcomer);
        int max = layer == 0 ? 2 * m : m;
        if (neighbors.size() > max) {
            float[] v = vectors.get(node);
            neighbors.sort(Comparator.comparingDouble(n -> distance(v, vectors.get(n))));
            neighbors.subList(max, neighbors.size()).clear();
        }
    }

    /** Ids of (approximately) the k nearest stored vectors, nearest first; ef is the search beam. */
    public List<Integer> search(float[] query, int k, int ef) {
        int current = entryPoint;
        for (int layer = topLayer; layer > 0; layer--) {
            current = searchLayer(query, current, 1, layer).get(0);
        }
        List<Integer> nearest = searchLayer(query, current, Math.max(ef, k), 0);
        return nearest.subList(0, Math.min(k, nearest.size()));
    }

    /** Best-first beam search on one layer: returns the ef closest nodes it found, nearest first. */
    private List<Integer> searchLayer(float[] query, int start, int ef, int layer) {
        Comparator<double[]> byDistance = Comparator.comparingDouble(a -> a[0]);
        PriorityQueue<double[]> toVisit = new PriorityQueue<>(byDistance);            // closest first
        PriorityQueue<double[]> found = new PriorityQueue<>(byDistance.reversed());   // farthest first
        Set<Integer> seen = new HashSet<>(List.of(start));
        double[] first = {distance(query, vectors.get(start)), start};
        toVisit.add(first);
        found.add(first);
        while (!toVisit.isEmpty()) {
            double[] closest = toVisit.poll();
            if (closest[0] > found.peek()[0]) {
                break; // everything left is farther than the worst result we keep
            }
            for (int n : links.get((int) closest[1]).get(layer)) {
                if (seen.add(n)) {
                    double d = distance(query, vectors.get(n));
                    if (found.size() < ef || d < found.peek()[0]) {
                        toVisit.add(new double[] {d, n});
                        found.add(new double[] {d, n});
                        if (found.size() > ef) {
                            found.poll();
                        }
                    }
                }
            }
        }
        List<double[]> sorted = new ArrayList<>(found);
        sorted.sort(byDistance);
        List<Integer> ids = new ArrayList<>();
        for (double[] entry : sorted) {
            ids.add((int) entry[1]);
        }
        return ids;
    }

    private double distance(float[] a, float[] b) {
        distanceCount++;
        return 1.0 - VectorMath.cosine(a, b);
    }

    /** How many vector comparisons the index has made so far (the cost a search tries to keep low). */
    public long distanceCount() {
        return distanceCount;
    }
}
