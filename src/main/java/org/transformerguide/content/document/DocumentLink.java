package org.transformerguide.content.document;

/**
 * A link from one guide document to a place in the guide.
 *
 * @param targetSlug the linked document's slug (the source document itself for {@code #anchor})
 * @param anchor the fragment without {@code #}, or null
 * @param pending the target is one of the planned documents that is not written yet
 */
public record DocumentLink(String targetSlug, String anchor, boolean pending, int line, String written) {
}
