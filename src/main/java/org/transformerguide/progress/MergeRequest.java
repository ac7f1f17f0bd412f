package org.transformerguide.progress;

import jakarta.validation.constraints.Size;
import java.util.List;

/** Progress a learner made in the browser before signing in, to be added to the account. */
public record MergeRequest(@Size(max = 2000) List<String> checkedItems, @Size(max = 200) List<String> readDocuments) {

    public List<String> checkedItemsOrEmpty() {
        return checkedItems == null ? List.of() : checkedItems;
    }

    public List<String> readDocumentsOrEmpty() {
        return readDocuments == null ? List.of() : readDocuments;
    }
}
