package org.transformerguide.search.vectors;

/** A text as weights of the words it contains: parallel arrays of term numbers and weights. */
record SparseVector(int[] terms, float[] weights) {

    boolean isEmpty() {
        return terms.length == 0;
    }
}
