package org.transformerguide.search;

import java.util.List;

/**
 * The answer to one query.
 *
 * @param query the query as searched (trimmed)
 * @param total how many sections matched, of which {@code results} are the best
 */
public record SearchResults(String query, int total, List<SearchResult> results) {
}
