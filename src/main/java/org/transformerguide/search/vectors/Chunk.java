package org.transformerguide.search.vectors;

/**
 * A window of a few paragraphs of one section: the unit the vector search embeds and returns.
 *
 * @param id the chunk's number in the guide, in reading order
 * @param part 1 for a section's first chunk, 2 for the next, ...
 */
public record Chunk(int id, String document, String documentTitle, String section, String sectionTitle, String url,
                    int part, String text) {

    private static final int SNIPPET_CHARS = 220;

    /** The chunk's beginning, cut at a word, as a result shows it. */
    public String snippet() {
        // a table's text keeps its --- separator row: it means nothing in a snippet
        String flat = text.replaceAll("(?<=\\s|^)[-:|]{3,}(?=\\s|$)", " ").replaceAll("\\s+", " ").strip();
        if (flat.length() <= SNIPPET_CHARS) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
        return flat.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS) + " …";
    }
}
