package dev.clockwork.store.jpa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** A contract test class's database: opened before its first test, closed after its last. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractTestBase {

    StoreFixture fixture;

    /** May abort (JUnit {@code Assumptions}) when the database cannot be had: every test is then reported skipped. */
    abstract StoreFixture createFixture();

    /** Before each test rather than in the constructor: an abort there would be counted as no test at all. */
    @BeforeEach
    void openFixture() {
        if (fixture == null) {
            fixture = createFixture();
        }
    }

    @AfterAll
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }
}
