package org.transformerguide.content.examples.knowledge;

/**
 * Six tiny "documents" embedded by hand in four dimensions: [pets, food, travel, tech].
 * Real embeddings have hundreds of dimensions learned by a model; these are small enough to check on paper.
 */
public final class ToyCorpus {

    private ToyCorpus() {
    }

    public static final String[] TITLES = {
        "Pulling a good espresso shot",      // d0
        "House-training a new puppy",        // d1
        "The complete Lisbon travel guide",  // d2
        "What to feed an older dog",         // d3
        "Street food in Lisbon's Alfama",    // d4
        "Speeding up a slow laptop",         // d5
    };

    public static final float[][] VECTORS = {
        {0, 3, 0, 1},
        {3, 1, 0, 0},
        {0, 2, 6, 1},
        {3, 2, 0, 0},
        {0, 3, 2, 0},
        {0, 0, 1, 3},
    };

    /** The query "where can I eat cheaply in Lisbon?", embedded the same way. */
    public static final float[] QUERY = {0, 2, 1, 0};
}
