package org.transformerguide.search.vectors;

import java.util.List;

/**
 * What {@code GET /api/search/vectors} answers: the same query searched approximately (HNSW) and
 * exactly, side by side, with recall@k of the first against the second.
 *
 * @param words the query's words the guide's vocabulary knows (stemmed); the others have no vector
 * @param recall recall@k of the HNSW results against the exact ones (null when the query has no vector)
 */
public record VectorComparison(String query, int k, int candidates, List<String> words, Embedding embedding,
                               Index index, Search hnsw, Search exact, Double recall) {

    /** How the vectors were made: said plainly, since it is not a neural encoder. */
    public record Embedding(String method, int dimensions, int vocabulary, int chunks) {
    }

    /** @param m links per node, @param beamWidth ef_construction */
    public record Index(String type, int m, int beamWidth) {
    }

    /**
     * @param visited vectors compared with the query
     * @param micros the median time of a few repeats of the search alone, in microseconds
     */
    public record Search(List<Result> results, int visited, double micros) {
    }

    /** @param shared whether the other search found this chunk too */
    public record Result(int chunk, String document, String documentTitle, String section, String sectionTitle,
                         String url, String snippet, double score, boolean shared) {
    }
}
