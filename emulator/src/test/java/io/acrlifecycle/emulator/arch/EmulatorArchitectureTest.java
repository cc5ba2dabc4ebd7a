package io.acrlifecycle.emulator.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The emulator's package diagram (docs/architecture.md) as tests: {@code http -> service -> store}, no package
 * cycles (the root package counts as one), never the engine, and no main class over 400 lines without a reason
 * at its top. Each rule is also run against deliberate violations (the {@code ArchFixture*} test classes) and
 * must fail there, so a rule that stopped checking anything would be noticed.
 */
class EmulatorArchitectureTest {
    private static final String ROOT = "io.acrlifecycle.emulator";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    /** The main classes plus the deliberate violations. */
    private static final JavaClasses WITH_VIOLATIONS = new ClassFileImporter()
            .withImportOption(l -> !l.contains("/test-classes/") || l.contains("ArchFixture"))
            .importPackages(ROOT, "io.acrlifecycle.engine.archfixture");

    /** Handlers call services, services keep the store; nothing reaches up, and handlers never touch the store. */
    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("http").definedBy(ROOT + ".http..")
            .layer("service").definedBy(ROOT + ".service..")
            .layer("store").definedBy(ROOT + ".store..")
            .whereLayer("http").mayNotBeAccessedByAnyLayer()
            .whereLayer("service").mayOnlyBeAccessedByLayers("http")
            .whereLayer("store").mayOnlyBeAccessedByLayers("service");

    /** One slice per package directly under the root, and the root package itself as one more. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (!p.startsWith(ROOT)) {
                return SliceIdentifier.ignore();
            }
            String rest = p.substring(ROOT.length());
            return SliceIdentifier.of(rest.isEmpty() ? "(root)" : rest.substring(1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "the emulator's packages, the root package included";
        }
    };

    static final ArchRule NO_CYCLES = slices().assignedFrom(PACKAGES).should().beFreeOfCycles();

    static final ArchRule NO_ENGINE = noClasses().that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAPackage("io.acrlifecycle.engine..")
            .because("the emulator is an independent implementation of ACR's behaviour, not a mirror of the engine");

    @Test
    void shouldImportTheEmulatorMainClasses() {
        assertThat(MAIN.stream().map(JavaClass::getName)).contains(ROOT + ".AcrEmulator", ROOT + ".http.V2Handler",
                ROOT + ".service.RegistryService", ROOT + ".store.RegistryStore").noneMatch(n -> n.contains("ArchFixture"));
    }

    @Test
    void shouldLayerHttpOverServiceOverStore() {
        LAYERS.check(MAIN);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void shouldNeverImportTheEngine() {
        NO_ENGINE.check(MAIN);
    }

    @Test
    void shouldFailEachRuleOnADeliberateViolation() {
        assertThatThrownBy(() -> LAYERS.check(WITH_VIOLATIONS)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ArchFixtureStore").hasMessageContaining("ArchFixtureService");
        assertThatThrownBy(() -> NO_CYCLES.check(WITH_VIOLATIONS)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle").hasMessageContaining("ArchFixtureStore");
        assertThatThrownBy(() -> NO_ENGINE.check(WITH_VIOLATIONS)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ArchFixtureUsesEngine");
    }

    @Test
    void shouldKeepMainClassesUnder400LinesOrSayWhyAtTheTop() throws IOException {
        assertThat(longWithoutReason(Path.of("src/main/java"))).isEmpty();
    }

    @Test
    void shouldNoticeALongClassWithoutAReason() throws IOException {
        Path dir = Files.createTempDirectory("arch");
        try {
            Files.writeString(dir.resolve("Long.java"), "/** no reason */\nclass Long {\n" + "\n".repeat(400) + "}\n");
            Files.writeString(dir.resolve("Why.java"), "/** Over 400 lines because: a test. */\nclass Why {\n" + "\n".repeat(400) + "}\n");
            assertThat(longWithoutReason(dir)).extracting(p -> p.getFileName().toString()).containsExactly("Long.java");
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Files over 400 lines whose text before the class declaration does not say "Over 400 lines because". */
    private static List<Path> longWithoutReason(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                if (lines.size() <= 400) {
                    continue;
                }
                StringBuilder top = new StringBuilder();
                for (String l : lines) {
                    if (l.matches("^(public |final |abstract )*(class|interface|record|enum) .*")) {
                        break;
                    }
                    top.append(l).append('\n');
                }
                if (!top.toString().contains("Over 400 lines because")) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
