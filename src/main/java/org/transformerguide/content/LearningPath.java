package org.transformerguide.content;

import java.util.List;

/** A learning path of the landing page: its heading, and the checklist items under that heading. */
public record LearningPath(String id, String title, List<String> itemIds) {
}
