package org.transformerguide.content;

import java.util.List;
import org.transformerguide.content.document.GuideDocument;

/**
 * Published (as a Spring application event) when the guide has been rendered again after its files
 * changed, so whatever is built from the documents (the search indexes, the page artifacts) rebuilds
 * from the new list instead of each checking for a reload on its own.
 *
 * @param documents the new documents, in reading order, as {@link GuideContent#documents()} now returns them
 */
public record ContentReloaded(List<GuideDocument> documents) {
}
