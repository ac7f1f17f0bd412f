package org.transformerguide.search;

/**
 * One matching section as the API and the search page show it.
 *
 * @param document the document's slug
 * @param section the section's anchor
 * @param url where the section is read: the document, at the section's anchor
 * @param snippet HTML: the text escaped, the matched words in {@code <mark>}
 */
public record SearchResult(String document, String documentTitle, String section, String sectionTitle,
                           String url, String snippet) {
}
