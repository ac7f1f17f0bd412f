package org.transformerguide.pathchooser;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import org.transformerguide.account.AccountDirectory;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.TocEntry;
import org.transformerguide.pathchooser.PathChooser.Answers;
import org.transformerguide.pathchooser.PathChooser.Choice;
import org.transformerguide.pathchooser.PathChooser.Stop;

/** Turns answer ids into a recommendation with the guide's own titles and links, and keeps a learner's answers. */
@Service
class PathChoiceService {

    /** A place in the guide as the widget shows it. */
    record Link(String title, String url) {
    }

    /**
     * @param answers the answer ids the recommendation was made for, so the widget can show them again
     */
    record Recommendation(PathChoiceRepository.StoredAnswers answers, String route, Link path, Link firstStop, String why) {
    }

    private final GuideContent content;
    private final PathChoiceRepository repository;
    private final AccountDirectory accounts;

    PathChoiceService(GuideContent content, PathChoiceRepository repository, AccountDirectory accounts) {
        this.content = content;
        this.repository = repository;
        this.accounts = accounts;
    }

    Recommendation recommend(String programming, String math, String time, String style) {
        Answers answers = new Answers(
                parse(PathChooser.Programming.class, "programming", programming),
                parse(PathChooser.Math.class, "math", math),
                parse(PathChooser.Time.class, "time", time),
                parse(PathChooser.Style.class, "style", style));
        Choice choice = PathChooser.choose(answers);
        return new Recommendation(new PathChoiceRepository.StoredAnswers(programming, math, time, style),
                choice.route().name().toLowerCase(java.util.Locale.ROOT),
                link(new Stop(GuideDocument.LANDING, choice.route().heading())), link(choice.firstStop()), choice.why());
    }

    @Transactional(readOnly = true)
    Optional<Recommendation> saved(String username) {
        return repository.find(accounts.idOf(username)).map(a -> recommend(a.programming(), a.math(), a.time(), a.style()));
    }

    @Transactional
    Recommendation save(String username, String programming, String math, String time, String style) {
        Recommendation recommendation = recommend(programming, math, time, style); // rejects unknown answers before storing
        repository.save(accounts.idOf(username), recommendation.answers());
        return recommendation;
    }

    private Link link(Stop stop) {
        GuideDocument document = content.document(stop.document())
                .orElseThrow(() -> new IllegalStateException("the path chooser points to a missing document " + stop.document()));
        String title = document.toc().stream().filter(t -> t.id().equals(stop.anchor())).map(TocEntry::text).findFirst()
                .orElse(document.title());
        String where = document.slug().equals(GuideDocument.LANDING) ? title : title + " (" + document.title() + ")";
        return new Link(where, document.url() + "#" + stop.anchor());
    }

    private static <A extends Enum<A> & PathChooser.Answer> A parse(Class<A> question, String name, String id) {
        return PathChooser.answer(question, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "'" + id + "' is not an answer to '" + name + "'; the answers are "
                        + java.util.Arrays.stream(question.getEnumConstants()).map(PathChooser.Answer::id).toList()));
    }
}
