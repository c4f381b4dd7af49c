package dev.clockwork.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
    void json_p_should_come_from_the_one_cached_provider() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("jakarta.json.Json")
                .because("Json's static factories look the provider up through the class loader on every call; use"
                        + " dev.clockwork.engine.Jsonp")
                .check(main);
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

    /** The producer of the clock and ticker, and the command-line preview's main, are the only readers of time. */
    @Test
    void time_should_come_from_the_injected_clock_and_ticker() {
        ArchRule rule = noClasses().that().doNotHaveSimpleName("EngineProducers").and().doNotHaveSimpleName("Preview")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(ZoneId.class, "systemDefault")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime");
        rule.check(main);
    }

    @Test
    void only_the_store_adapter_should_know_jpa_and_sql() {
        noClasses().that().resideOutsideOfPackage("dev.clockwork.store.jpa..")
                .should().dependOnClassesThat().resideInAPackage("dev.clockwork.store.jpa..")
                .check(main);
        noClasses().that().resideInAPackage("dev.clockwork.store")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "java.sql..")
                .check(main);
    }

    @Test
    void packages_should_be_free_of_cycles() {
        slices().matching("dev.clockwork.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void engine_rules_should_not_depend_on_the_engine_adapters() {
        noClasses().that().resideInAPackage("dev.clockwork.engine.rules..")
                .should().dependOnClassesThat().resideInAPackage("dev.clockwork.engine")
                .check(main);
    }
}
