package io.acrlifecycle.engine.guard.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.engine.guard.schedule.TaskNote.Kind;
import io.acrlifecycle.engine.model.RegistryTask;
import io.acrlifecycle.engine.model.RegistryTask.TimerTrigger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskPurgeReaderTest {

    private static final String LOGIN = "myregistry.azurecr.io";

    private static RegistryTask encoded(final String name, final String yaml, final TimerTrigger... timers) {
        return new RegistryTask(name, true, "EncodedTask", yaml, List.of(timers));
    }

    private static TimerTrigger timer(final String schedule) {
        return new TimerTrigger("t1", schedule, true);
    }

    private static TaskPurgeReport read(final RegistryTask... tasks) {
        return new TaskPurgeReader(LOGIN).read(List.of(tasks));
    }

    /** The YAML az acr task create generates becomes one scheduled purge with its timer. */
    @Test
    void shouldReadTheAzCliGeneratedTask() {
        String yaml = "version: v1.1.0\nsteps:\n  - cmd: acr purge --filter 'app:.*' --ago 30d --keep 5\n"
                + "    disableWorkingDirectoryOverride: true\n    timeout: 3600\n";

        TaskPurgeReport report = read(encoded("purge-old-images", yaml, timer("0 1 * * *")));

        assertThat(report.notes()).isEmpty();
        assertThat(report.purges()).singleElement().satisfies(p -> {
            assertThat(p.taskName()).isEqualTo("purge-old-images");
            assertThat(p.command().keep()).isEqualTo(5);
            assertThat(p.fireTimes(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T23:00:00Z")))
                    .containsExactly(Instant.parse("2026-11-30T01:00:00Z"), Instant.parse("2026-12-01T01:00:00Z"));
            assertThat(p.label()).isEqualTo("task purge-old-images");
        });
    }

    /** Several steps, folded commands, the acr-cli image and the registry template all read; others are skipped. */
    @Test
    void shouldReadSeveralStepsAndFoldedCommands() {
        String yaml = """
                version: v1.1.0
                steps:
                  - build: -t app .
                  - cmd: >
                      mcr.microsoft.com/acr/acr-cli:0.19 purge
                      --registry {{.Run.Registry}}
                      --filter 'web:.*' --ago 7d
                  - cmd: acr purge --filter "api:.*" --ago 1d --untagged
                """;

        TaskPurgeReport report = read(encoded("nightly", yaml, timer("0 2 * * *"),
                new TimerTrigger("t2", "30 14 * * Sun", true)));

        assertThat(report.purges()).extracting(ScheduledPurge::step).containsExactly(2, 3);
        assertThat(report.purges().get(0).command().registry()).isEqualTo(LOGIN);
        assertThat(report.purges().get(1).label()).isEqualTo("task nightly (step 3)");
        assertThat(report.purges().get(0).fireTimes(Instant.parse("2026-11-29T00:00:00Z"),
                Instant.parse("2026-11-29T23:59:00Z"))).extracting(Instant::toString)
                .containsExactly("2026-11-29T02:00:00Z", "2026-11-29T14:30:00Z");
    }

    /** Unparseable YAML and unparseable cron are reported as UNREADABLE, never ignored. */
    @Test
    void shouldReportUnreadableYamlAndCron() {
        TaskPurgeReport report = read(
                encoded("broken-yaml", "steps: [cmd: acr purge\n  - : :", timer("0 1 * * *")),
                encoded("broken-cron", "steps:\n  - cmd: acr purge --filter 'a:.*' --ago 1d\n", timer("0 25 * * *")),
                encoded("no-steps", "version: v1.1.0\n", timer("0 1 * * *")),
                encoded("bad-flag", "steps:\n  - cmd: acr purge --filter 'a:.*' --ago thirty\n", timer("0 1 * * *")));

        assertThat(report.notes(Kind.UNREADABLE)).extracting(TaskNote::task)
                .containsExactly("broken-yaml", "broken-cron", "no-steps", "bad-flag");
        assertThat(report.notes(Kind.UNREADABLE).get(1).message()).contains("timer t1").contains("hour field '25'");
        assertThat(report.notes(Kind.UNREADABLE).get(3).message()).contains("--ago 'thirty'");
        assertThat(report.risks()).hasSize(4);
        assertThat(report.notes(Kind.NOT_SCHEDULED)).extracting(TaskNote::task).containsExactly("broken-cron");
    }

    /** FileTask and Docker steps cannot be read through ARM; disabled tasks, timers and dry runs are skipped. */
    @Test
    void shouldNoteWhatItCannotOrNeedNotSimulate() {
        String purge = "steps:\n  - cmd: acr purge --filter 'a:.*' --ago 1d\n";
        TaskPurgeReport report = read(
                new RegistryTask("from-git", true, "FileTask", null, List.of(timer("0 1 * * *"))),
                new RegistryTask("build", true, "Docker", null, List.of()),
                new RegistryTask("off", false, "EncodedTask", purge, List.of(timer("0 1 * * *"))),
                encoded("timer-off", purge, new TimerTrigger("t1", "0 1 * * *", false)),
                encoded("dry", "steps:\n  - cmd: acr purge --filter 'a:.*' --ago 1d --dry-run\n", timer("0 1 * * *")),
                encoded("elsewhere", "steps:\n  - cmd: acr purge -r other.azurecr.io --filter 'a:.*' --ago 1d\n",
                        timer("0 1 * * *")),
                encoded("refused", "steps:\n  - cmd: acr purge --ago 1d\n", timer("0 1 * * *")));

        assertThat(report.purges()).isEmpty();
        assertThat(report.notes()).extracting(TaskNote::kind).containsExactly(Kind.NOT_READABLE_THROUGH_ARM,
                Kind.DOCKER_BUILD, Kind.DISABLED, Kind.DISABLED, Kind.NOT_SCHEDULED, Kind.DRY_RUN,
                Kind.OTHER_REGISTRY, Kind.WILL_NOT_START);
        assertThat(report.risks()).extracting(TaskNote::task).containsExactly("from-git");
        assertThat(report.notes().get(0).message()).contains("cannot be read through ARM");
    }
}
