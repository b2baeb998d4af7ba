package io.cvatqueue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.component.Component;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering the code style asks for, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cvatqueue");
    }

    @Test
    void viewsCallServicesNotRepositories() {
        noClasses().that().areAssignableTo(Component.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .because("views call services; repositories stay behind them")
                .check(app);
    }

    @Test
    void viewsDoNotDriveTheEngineDirectly() {
        noClasses().that().areAssignableTo(Component.class)
                .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine..")
                .because("the review lifecycle is moved on by services, which own the Camunda calls")
                .check(app);
    }

    @Test
    void domainCodeDoesNotDependOnTheUi() {
        noClasses().that().resideInAnyPackage("..review..", "..sync..", "..queue..", "..cvat..", "..settings..",
                        "..notification..", "..account..")
                .and().areNotAssignableTo(Component.class)
                .should().dependOnClassesThat().areAssignableTo(Component.class)
                .because("services and delegates must work without a browser session")
                .check(app);
    }

    @Test
    void everyScreenLivesInAUiPackage() {
        classes().that().areAnnotatedWith(com.vaadin.flow.router.Route.class)
                .should().resideInAPackage("..ui..")
                .because("a newcomer finds every screen in a feature's ui package (or the shared io.cvatqueue.ui)")
                .check(app);
    }

    /**
     * Screens and the REST API on top; feature services (security, the authentication feature, among them) in the
     * middle; the CVAT client, crypto and configuration at the bottom. The one upward edge allowed is the security
     * configuration naming the login view, which Vaadin's security integration needs.
     */
    @Test
    void layersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Screens").definedBy("io.cvatqueue..ui..")
                .layer("REST API").definedBy("io.cvatqueue.api..")
                .layer("Features").definedBy("io.cvatqueue.account..", "io.cvatqueue.admin", "io.cvatqueue.analytics",
                        "io.cvatqueue.backup", "io.cvatqueue.demo..", "io.cvatqueue.notification..",
                        "io.cvatqueue.ops..", "io.cvatqueue.queue..", "io.cvatqueue.review..",
                        "io.cvatqueue.security..", "io.cvatqueue.settings..", "io.cvatqueue.sync..",
                        "io.cvatqueue.workflow")
                .layer("Infrastructure").definedBy("io.cvatqueue.cvat..", "io.cvatqueue.crypto..",
                        "io.cvatqueue.config..")
                .whereLayer("Screens").mayOnlyBeAccessedByLayers("Features")
                .whereLayer("REST API").mayNotBeAccessedByAnyLayer()
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Screens", "REST API")
                .whereLayer("Infrastructure").mayOnlyBeAccessedByLayers("Screens", "REST API", "Features")
                .ignoreDependency(resideInAPackage("io.cvatqueue.security"), resideInAPackage("io.cvatqueue.ui"))
                .check(app);
        noClasses().that().resideOutsideOfPackage("io.cvatqueue..ui..")
                .and().doNotHaveFullyQualifiedName("io.cvatqueue.security.SecurityConfig")
                .should().dependOnClassesThat().resideInAPackage("io.cvatqueue..ui..")
                .because("only the security configuration may name a screen (the login view)")
                .check(app);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        // screens are left out: a feature's ui package sits on top of every feature, not inside its own
        slices().matching("io.cvatqueue.(*)..")
                .should().beFreeOfCycles()
                .check(app.that(resideOutsideOfPackage("io.cvatqueue..ui..")));
    }

    @Test
    void accountsDoNotKnowHowTheyAreAuthenticated() {
        noClasses().that().resideInAPackage("io.cvatqueue.account")
                .should().dependOnClassesThat().resideInAPackage("io.cvatqueue.security..")
                .because("security builds on accounts, not the other way round")
                .check(app);
    }
}
