package org.transformerguide.content;

import java.util.List;
import java.util.Optional;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.document.GuideDocument;

/** What the rest of the platform may ask of the guide's content. */
public interface GuideContent {

    /** All documents in reading order, the landing page first. */
    List<GuideDocument> documents();

    Optional<GuideDocument> document(String slug);

    Optional<ChecklistItem> checklistItem(String id);

    List<LearningPath> paths();
}
