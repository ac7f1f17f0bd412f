package org.transformerguide.progress;

import java.util.List;
import java.util.Set;

/** A learner's progress as the pages and the API show it. */
public record ProgressView(Set<String> checkedItems, Set<String> readDocuments,
                           List<DocumentProgress> documents, List<PathProgress> paths) {

    public record DocumentProgress(String slug, String title, String url, int checked, int total, boolean read,
                                   List<String> itemIds) {

        public int percent() {
            return total == 0 ? (read ? 100 : 0) : Math.round(100f * checked / total);
        }
    }

    public record PathProgress(String id, String title, int checked, int total, List<String> itemIds) {

        public int percent() {
            return total == 0 ? 0 : Math.round(100f * checked / total);
        }
    }

    public DocumentProgress document(String slug) {
        return documents.stream().filter(d -> d.slug().equals(slug)).findFirst().orElse(null);
    }
}
