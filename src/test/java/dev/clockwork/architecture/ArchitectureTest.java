package dev.clockwork.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering and time rules of ARCHITECTURE.md and STYLE.md, checked on the compiled main code. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.clockwork");
    }

    @Test
    void trigger_should_depend_on_nothing_but_the_jdk() {
        noClasses().that().resideInAPackage("dev.clockwork.trigger..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.clockwork.trigger..", "java..")
                .check(main);
    }

    @Test
    void engine_rules_should_be_plain_java() {
        noClasses().that().resideInAPackage("dev.clockwork.engine.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "org.eclipse..", "fish.payara..")
                .check(main);
    }

    @Test
    void nothing_should_depend_on_web_or_rest() {
        noClasses().that().resideOutsideOfPackage("dev.clockwork.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.clockwork.web..").check(main);
        noClasses().that().resideOutsideOfPackage("dev.clockwork.rest..")
                .should().dependOnClassesThat().resideInAPackage("dev.clockwork.rest..").check(main);
    }

    @Test
    void web_and_rest_should_not_touch_the_store() {
        noClasses().that().resideInAnyPackage("dev.clockwork.web..", "dev.clockwork.rest..")
                .should().dependOnClassesThat().resideInAPackage("dev.clockwork.store..").check(main);
    }

    @Test
    void api_and_store_should_not_depend_on_the_engine() {
        noClasses().that().resideInAnyPackage("dev.clockwork.api..", "dev.clockwork.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.clockwork.engine..", "dev.clockwork.security..")
                .check(main);
    }

    @Test
    void main_code_should_be_portable_between_servers() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("fish.payara..", "org.jboss..", "org.wildfly..")
                .check(main);
    }

    /** EclipseLink is the JPA provider on every server, but only its data source hook may use its own API. */
    @Test
    void only_the_data_source_hook_should_use_eclipselink() {
        noClasses().that().doNotHaveSimpleName("ServerDataSourceCustomizer")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.persistence..")
                .check(main);
    }

    @Test
    void time_should_come_from_the_injected_clock() {
        ArchRule rule = noClasses().that().doNotHaveSimpleName("EngineProducers")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZoneId.class, "systemDefault")
                .orShould().callMethod(System.class, "currentTimeMillis");
        rule.check(main);
    }
}
