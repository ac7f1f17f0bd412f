package org.transformerguide.pathchooser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.ContentCatalog;
import org.transformerguide.content.ContentSource;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.pathchooser.PathChooser.Answers;
import org.transformerguide.pathchooser.PathChooser.Choice;
import org.transformerguide.pathchooser.PathChooser.Math;
import org.transformerguide.pathchooser.PathChooser.Programming;
import org.transformerguide.pathchooser.PathChooser.Route;
import org.transformerguide.pathchooser.PathChooser.Stop;
import org.transformerguide.pathchooser.PathChooser.Style;
import org.transformerguide.pathchooser.PathChooser.Time;

/**
 * Every combination of the four answers, against the rules in code and against the two tables the landing page
 * shows to readers without JavaScript: both must agree, and every recommendation must point into the real guide.
 */
class PathChooserTest {

    private static final Pattern LINK = Pattern.compile("\\]\\((?:\\./([a-z_A-Z]+)\\.md)?#([a-z0-9-]+)\\)");

    private static ContentCatalog catalog;
    private static String landing;

    @BeforeAll
    static void load() throws IOException {
        catalog = new ContentCatalog(new ContentSource("./content"), Set.of(), false);
        landing = Files.readString(Path.of("content/README.md"));
    }

    static List<Answers> everyCombination() {
        List<Answers> all = new ArrayList<>();
        for (Programming p : Programming.values()) {
            for (Math m : Math.values()) {
                for (Time t : Time.values()) {
                    for (Style s : Style.values()) {
                        all.add(new Answers(p, m, t, s));
                    }
                }
            }
        }
        return all;
    }

    @Test
    void everyCombinationOfAnswersGetsARouteAFirstStopInTheGuideAndAReason() {
        List<Answers> all = everyCombination();
        assertThat(all).hasSize(81);
        EnumSet<Route> used = EnumSet.noneOf(Route.class);
        for (Answers a : all) {
            Choice choice = PathChooser.choose(a);
            used.add(choice.route());
            assertThat(anchorExists(new Stop(GuideDocument.LANDING, choice.route().heading()))).as(a + " path heading").isTrue();
            assertThat(anchorExists(choice.firstStop())).as(a + " first stop " + choice.firstStop()).isTrue();
            assertThat(choice.why()).as(a + " reason").hasSizeGreaterThan(40).endsWith(".");
        }
        assertThat(used).as("every route is recommended for some answers").containsExactlyInAnyOrder(Route.values());
    }

    @Test
    void theRulesSendTheExpectedReadersWhereTheLandingPageSays() {
        assertThat(PathChooser.route(Programming.REGULAR, Math.FLUENT, Time.MINUTES)).isEqualTo(Route.QUICK);
        assertThat(PathChooser.route(Programming.NONE, Math.FLUENT, Time.WEEKS)).isEqualTo(Route.RESEARCH);
        assertThat(PathChooser.route(Programming.NONE, Math.CALCULUS, Time.WEEKS)).isEqualTo(Route.BEGINNER);
        assertThat(PathChooser.route(Programming.REGULAR, Math.ALGEBRA, Time.HOURS)).isEqualTo(Route.BEGINNER);
        assertThat(PathChooser.route(Programming.SOME, Math.FLUENT, Time.HOURS)).isEqualTo(Route.PRACTITIONER);
        assertThat(PathChooser.route(Programming.REGULAR, Math.CALCULUS, Time.WEEKS)).isEqualTo(Route.PRACTITIONER);
    }

    @Test
    void theLandingPagesRuleTableGivesTheSamePathForEveryCombination() {
        List<List<String>> rows = table("| Programming | Math | Time | Your path |");
        for (Answers a : everyCombination()) {
            List<String> first = rows.stream().filter(r -> fits(r.get(0), a.programming()) && fits(r.get(1), a.math())
                    && fits(r.get(2), a.time())).findFirst().orElse(null);
            assertThat(first).as("no row of the landing page's table fits " + a).isNotNull();
            Matcher link = LINK.matcher(first.get(3));
            assertThat(link.find()).as(first.get(3)).isTrue();
            assertThat(link.group(2)).as("the table's path for " + a).isEqualTo(PathChooser.choose(a).route().heading());
        }
    }

    @Test
    void theLandingPagesStyleTableGivesTheSameFirstStopOnEveryPath() {
        List<List<String>> rows = table("| How you like to learn | Path 1 | Path 2 | Path 3 |");
        List<Route> columns = List.of(Route.BEGINNER, Route.PRACTITIONER, Route.RESEARCH);
        assertThat(rows).hasSize(Style.values().length);
        for (Style style : Style.values()) {
            List<String> row = rows.stream().filter(r -> r.get(0).equals(style.label())).findFirst().orElseThrow(
                    () -> new AssertionError("the style table has no row '" + style.label() + "'"));
            for (int c = 0; c < columns.size(); c++) {
                Matcher link = LINK.matcher(row.get(c + 1));
                assertThat(link.find()).as(row.get(c + 1)).isTrue();
                assertThat(new Stop(link.group(1), link.group(2))).as(style + " on " + columns.get(c))
                        .isEqualTo(columns.get(c).firstStop(style));
            }
        }
    }

    private static boolean fits(String cell, PathChooser.Answer answer) {
        return cell.equals("any") || Arrays.stream(cell.split(" or ")).map(String::strip).anyMatch(w -> w.equals(answer.word()));
    }

    /** The body rows of the landing page's table with this header line, split into cells. */
    private static List<List<String>> table(String header) {
        List<String> lines = landing.lines().toList();
        int start = lines.indexOf(header);
        assertThat(start).as("content/README.md has a table headed " + header).isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i).strip();
            rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList());
        }
        return rows;
    }

    private static boolean anchorExists(Stop stop) {
        return catalog.document(stop.document()).map(d -> d.toc().stream().anyMatch(t -> t.id().equals(stop.anchor())))
                .orElse(false);
    }
}
