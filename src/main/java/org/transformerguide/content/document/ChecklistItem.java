package org.transformerguide.content.document;

import java.util.List;

/**
 * A task-list item ({@code - [ ] ...}) that a learner can tick.
 *
 * @param id stable id: the author's {@code {#id}} or one derived from the document and the text
 * @param sections anchors of the headings the item sits under, outermost first
 * @param explicitId the author gave the id, so rewording the item keeps learners' ticks
 */
public record ChecklistItem(String id, String text, String documentSlug, List<String> sections, int line,
                            boolean explicitId) {
}
