package org.transformerguide.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.transformerguide.account.AccountDirectory;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.LearningPath;

/** Ticks, reads and the sums over documents and learning paths. Every call acts on one learner's own data. */
@Service
public class ProgressService {

    private final ProgressRepository repository;
    private final GuideContent content;
    private final AccountDirectory accounts;
    private final ApplicationEventPublisher events;

    ProgressService(ProgressRepository repository, GuideContent content, AccountDirectory accounts,
                    ApplicationEventPublisher events) {
        this.repository = repository;
        this.content = content;
        this.accounts = accounts;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public ProgressView progressOf(String username) {
        long id = accounts.idOf(username);
        return view(repository.tickedItems(id), repository.readDocuments(id));
    }

    /** Progress with nothing done, for a reader who is not signed in (the browser fills in its own). */
    public ProgressView empty() {
        return view(Set.of(), Set.of());
    }

    @Transactional
    public void setItem(String username, String itemId, boolean checked) {
        ChecklistItem item = content.checklistItem(itemId)
                .orElseThrow(() -> new UnknownProgressTargetException("checklist item", itemId));
        long id = accounts.idOf(username);
        if (checked) {
            repository.tick(id, item.id());
        } else {
            repository.untick(id, item.id());
        }
        events.publishEvent(new ProgressChanged(id)); // e.g. an instructor's live view of a cohort
    }

    @Transactional
    public void setRead(String username, String slug, boolean read) {
        GuideDocument document = content.document(slug)
                .orElseThrow(() -> new UnknownProgressTargetException("document", slug));
        long id = accounts.idOf(username);
        if (read) {
            repository.markRead(id, document.slug());
        } else {
            repository.unmarkRead(id, document.slug());
        }
        events.publishEvent(new ProgressChanged(id));
    }

    /**
     * Adds what was done anonymously to the account; ticks are only ever added, never removed, so a merge
     * cannot undo work saved on another device. A retired item's tick goes to the item that replaced it;
     * ids the guide no longer has are skipped and reported.
     */
    @Transactional
    public List<String> merge(String username, MergeRequest request) {
        long id = accounts.idOf(username);
        List<String> skipped = new ArrayList<>();
        for (String itemId : request.checkedItemsOrEmpty()) {
            String current = itemId == null ? null : repository.replacementOf(itemId).orElse(itemId);
            if (current != null && content.checklistItem(current).isPresent()) {
                repository.tick(id, current);
            } else {
                skipped.add(itemId);
            }
        }
        for (String slug : request.readDocumentsOrEmpty()) {
            if (slug != null && content.document(slug).isPresent()) {
                repository.markRead(id, slug);
            } else {
                skipped.add(slug);
            }
        }
        events.publishEvent(new ProgressChanged(id));
        return skipped;
    }

    private ProgressView view(Set<String> ticked, Set<String> read) {
        List<ProgressView.DocumentProgress> documents = new ArrayList<>();
        for (GuideDocument d : content.documents()) {
            if (d.isLanding()) {
                continue; // the landing page's paths list other documents' items; they count there
            }
            List<String> ids = d.checklist().stream().map(ChecklistItem::id).toList();
            int checked = (int) ids.stream().filter(ticked::contains).count();
            documents.add(new ProgressView.DocumentProgress(d.slug(), d.title(), d.url(), checked, ids.size(),
                    read.contains(d.slug()), ids));
        }
        List<ProgressView.PathProgress> paths = new ArrayList<>();
        for (LearningPath p : content.paths()) {
            int checked = (int) p.itemIds().stream().filter(ticked::contains).count();
            paths.add(new ProgressView.PathProgress(p.id(), p.title(), checked, p.itemIds().size(), p.itemIds()));
        }
        return new ProgressView(Set.copyOf(ticked), Set.copyOf(read), List.copyOf(documents), List.copyOf(paths));
    }
}
