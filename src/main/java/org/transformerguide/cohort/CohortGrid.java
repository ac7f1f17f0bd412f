package org.transformerguide.cohort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;

/**
 * The instructor's grid: learners × checklist items, the items grouped by document and by learning path,
 * with each learner's last activity and whether they have made no progress for a while; and the anonymous
 * per-item totals a cohort's learners see.
 */
@Service
public class CohortGrid {

    public record Item(String id, String text, String documentSlug) {
    }

    public record Group(String id, String title, List<String> itemIds) {
    }

    /** One learner's row. {@code ticks}: item id → when it was ticked. */
    public record LearnerRow(String username, Instant lastActivity, boolean stuck, Map<String, Instant> ticks) {
    }

    public record GridView(long cohortId, String name, Instant now, long stuckMinutes, List<Item> items,
                           List<Group> byDocument, List<Group> byPath, List<LearnerRow> learners, Map<String, Integer> completion) {
    }

    public record ItemTotal(String text, int learnersDone) {
    }

    public record DocumentTotal(String title, List<ItemTotal> items) {
    }

    public record AnonymousTotals(String name, int learners, List<DocumentTotal> documents) {
    }

    private final CohortRepository cohorts;
    private final GuideContent content;
    private final Duration stuckAfter;

    CohortGrid(CohortRepository cohorts, GuideContent content,
               @Value("${guide.cohorts.stuck-after:10m}") Duration stuckAfter) {
        this.cohorts = cohorts;
        this.content = content;
        this.stuckAfter = stuckAfter;
    }

    public GridView grid(Cohort cohort) {
        Instant now = Instant.now();
        Map<Long, Map<String, Instant>> ticks = new HashMap<>();
        for (CohortRepository.Tick t : cohorts.memberTicks(cohort.id())) {
            ticks.computeIfAbsent(t.accountId(), k -> new LinkedHashMap<>()).put(t.itemId(), t.tickedAt());
        }
        List<LearnerRow> learners = new ArrayList<>();
        for (CohortRepository.Member m : cohorts.members(cohort.id())) {
            learners.add(row(m, ticks.getOrDefault(m.accountId(), Map.of()), now));
        }
        List<Item> items = new ArrayList<>();
        List<Group> byDocument = new ArrayList<>();
        for (GuideDocument d : content.documents()) {
            if (!d.isLanding() && !d.checklist().isEmpty()) {
                d.checklist().forEach(i -> items.add(new Item(i.id(), i.text(), d.slug())));
                byDocument.add(new Group(d.slug(), d.title(), d.checklist().stream().map(ChecklistItem::id).toList()));
            }
        }
        List<Group> byPath = content.paths().stream().map(p -> new Group(p.id(), p.title(), p.itemIds())).toList();
        Map<String, Integer> completion = new LinkedHashMap<>();
        for (Item item : items) {
            completion.put(item.id(), (int) learners.stream().filter(l -> l.ticks().containsKey(item.id())).count());
        }
        return new GridView(cohort.id(), cohort.name(), now, stuckAfter.toMinutes(), items, byDocument, byPath, learners, completion);
    }

    /** One learner's current row, for the live view when their progress changes. */
    public Optional<LearnerRow> row(Cohort cohort, long accountId) {
        Instant now = Instant.now();
        return cohorts.members(cohort.id()).stream().filter(m -> m.accountId() == accountId).findFirst().map(m -> {
            Map<String, Instant> ticks = new LinkedHashMap<>();
            cohorts.ticksOf(accountId).forEach(t -> ticks.put(t.itemId(), t.tickedAt()));
            return row(m, ticks, now);
        });
    }

    private LearnerRow row(CohortRepository.Member member, Map<String, Instant> ticks, Instant now) {
        Instant last = member.joinedAt();
        for (Instant at : ticks.values()) {
            last = at.isAfter(last) ? at : last;
        }
        Instant read = cohorts.lastRead(member.accountId());
        last = read != null && read.isAfter(last) ? read : last;
        return new LearnerRow(member.username(), last, last.plus(stuckAfter).isBefore(now), Map.copyOf(ticks));
    }

    /** What a learner of the cohort may see: how many learners ticked each item, never who. */
    public AnonymousTotals totals(Cohort cohort) {
        GridView grid = grid(cohort);
        List<DocumentTotal> documents = new ArrayList<>();
        Map<String, Item> items = new HashMap<>();
        grid.items().forEach(i -> items.put(i.id(), i));
        for (Group g : grid.byDocument()) {
            documents.add(new DocumentTotal(g.title(), g.itemIds().stream()
                    .map(id -> new ItemTotal(items.get(id).text(), grid.completion().get(id))).toList()));
        }
        return new AnonymousTotals(cohort.name(), grid.learners().size(), documents);
    }

    /** The grid as CSV: one row per learner, each item's tick time (ISO-8601, UTC) or empty. */
    public String csv(Cohort cohort) {
        GridView grid = grid(cohort);
        StringBuilder out = new StringBuilder("learner,last_activity,no_progress_for_").append(grid.stuckMinutes()).append("_min");
        grid.items().forEach(i -> out.append(',').append(cell(i.id())));
        out.append("\r\n");
        for (LearnerRow l : grid.learners()) {
            out.append(cell(l.username())).append(',').append(l.lastActivity()).append(',').append(l.stuck() ? "yes" : "no");
            for (Item i : grid.items()) {
                Instant at = l.ticks().get(i.id());
                out.append(',').append(at == null ? "" : at.toString());
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** RFC 4180 quoting, and a leading quote for text a spreadsheet would run as a formula. */
    static String cell(String value) {
        String v = value.matches("^[=+@-].*") ? "'" + value : value;
        return v.matches(".*[\",\r\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
