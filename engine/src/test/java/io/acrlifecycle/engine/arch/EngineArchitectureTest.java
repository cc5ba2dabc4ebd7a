package io.acrlifecycle.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The engine runs in the CLI and inside Jenkins: it must not depend on Jenkins, nor on the emulator. */
class EngineArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.acrlifecycle.engine");

    @Test
    void shouldImportTheEngineMainClasses() {
        // guards against a vacuous pass: the rule below must have something to check
        assertThat(MAIN.stream().map(c -> c.getName()))
                .contains("io.acrlifecycle.engine.registry.AcrRegistry",
                        "io.acrlifecycle.engine.restore.RestoreService");
    }

    @Test
    void shouldNotDependOnJenkinsOrTheEmulator() {
        ArchRule rule = noClasses().that().resideInAPackage("io.acrlifecycle.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..",
                        "org.jenkinsci..", "io.acrlifecycle.emulator..");
        rule.check(MAIN);
    }
}
