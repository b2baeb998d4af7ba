package io.cvatqueue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.component.Component;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
