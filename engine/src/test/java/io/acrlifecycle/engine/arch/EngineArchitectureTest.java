package io.acrlifecycle.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package diagram of docs/architecture.md, as rules: the engine runs in the CLI and inside Jenkins, so it must
 * not depend on Jenkins nor on the emulator; the Azure SDK stays behind the {@code Registry} port; the packages form
 * no cycle; a main class over 400 lines says why at its top.
 */
class EngineArchitectureTest {
    static final String ENGINE = "io.acrlifecycle.engine";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ENGINE);

    /** Over this many lines, a main class carries {@value #REASON} in its leading comment. */
    static final int MAX_LINES = 400;
    static final String REASON = "Over 400 lines because";

    @Test
    void shouldImportTheEngineMainClasses() {
        // guards against a vacuous pass: the rules below must have something to check
        assertThat(MAIN.stream().map(c -> c.getName()))
                .contains("io.acrlifecycle.engine.registry.AcrRegistry",
                        "io.acrlifecycle.engine.restore.RestoreService",
                        "io.acrlifecycle.engine.purge.exec.PurgeExecutor");
    }

    @Test
    void shouldNotDependOnJenkinsOrTheEmulator() {
        ArchRule rule = noClasses().that().resideInAPackage(ENGINE + "..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..",
                        "org.jenkinsci..", "io.acrlifecycle.emulator..");
        rule.check(MAIN);
    }

    @Test
    void shouldKeepTheAzureSdkInsideTheRegistryPackage() {
        ArchRule rule = noClasses().that().resideInAPackage(ENGINE + "..")
                .and().resideOutsideOfPackage(ENGINE + ".registry..")
                .should().dependOnClassesThat().resideInAnyPackage("com.azure..", "reactor..")
                .because("the Registry port is the one place the Azure SDK is spoken; RegistryException carries "
                        + "what callers need of an HTTP answer (status, error code, retry-after)");
        rule.check(MAIN);
    }

    @Test
    void shouldUseTheRegistryPortNotItsImplementation() {
        ArchRule rule = noClasses().that().resideInAPackage(ENGINE + "..")
                .and().resideOutsideOfPackage(ENGINE + ".registry..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ENGINE + ".registry.AcrRegistry")
                .because("services take a Registry (the emulator, a fake or ACR); a down-cast to AcrRegistry means "
                        + "the port is missing a method");
        rule.check(MAIN);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        // every package is its own slice: purge and purge.exec are two slices, and may not depend on each other
        ArchRule rule = slices().matching(ENGINE + ".(**)").should().beFreeOfCycles();
        rule.check(MAIN);
    }

    @Test
    void shouldSayWhyAMainClassIsOver400Lines() throws IOException {
        List<String> unexplained;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            unexplained = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                List<String> lines = lines(f);
                if (lines.size() <= MAX_LINES) {
                    return false;
                }
                // the reason sits in the comment above the type, before the first line of code in the class body
                int type = 0;
                while (type < lines.size() && !lines.get(type).matches("^(public |final |abstract )*(class|record|interface|enum) .*")
                        && !lines.get(type).matches("^public (final |abstract )*(class|record|interface|enum) .*")) {
                    type++;
                }
                return lines.subList(0, Math.min(type, lines.size())).stream().noneMatch(l -> l.contains(REASON));
            }).map(f -> f + " (" + lines(f).size() + " lines)").toList();
        }
        assertThat(unexplained).as("main classes over " + MAX_LINES + " lines without '" + REASON
                + " <why>' in their leading comment (the emulator's rule uses the same words)").isEmpty();
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
