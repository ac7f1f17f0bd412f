package org.transformerguide.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.transformerguide.testing.SelfContained;

/**
 * The package rules the code is organised by, checked on the compiled main classes so they keep holding:
 * features (content, progress, playground, search, account, ...) depend on each other without cycles; the
 * shared web package serves them all and knows none of them; the guide's content knows nothing of the
 * playground that teaches from it.
 */
@SelfContained
class PackageRulesTest {

    private static final String ROOT = "org.transformerguide";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void featuresHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Every package, not only every feature. */
    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSharedWebPackageUsesNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        ROOT + ".account..", ROOT + ".cohort..", ROOT + ".content..", ROOT + ".operations..",
                        ROOT + ".pages..", ROOT + ".pathchooser..", ROOT + ".playground..", ROOT + ".progress..",
                        ROOT + ".search..", ROOT + ".storage..", ROOT + ".tokens..")
                .check(classes);
    }

    @Test
    void contentDoesNotKnowThePlayground() {
        noClasses().that().resideInAPackage(ROOT + ".content..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".playground..", ROOT + ".search..",
                        ROOT + ".progress..", ROOT + ".pages..")
                .check(classes);
    }

    @Test
    void playgroundPagesLiveInOnePackage() {
        classes().that().resideInAPackage(ROOT + ".playground..").and().haveSimpleNameEndingWith("PageController")
                .should().resideInAPackage(ROOT + ".playground.page")
                .check(classes);
    }
}
