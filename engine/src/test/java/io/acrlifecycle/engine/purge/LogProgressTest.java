package io.acrlifecycle.engine.purge;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.engine.log.EngineLog;
import io.acrlifecycle.engine.purge.result.PurgeProgress;
import io.acrlifecycle.engine.purge.result.PurgeReport;
import io.acrlifecycle.engine.registry.RegistryException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LogProgressTest {

    static final class Lines implements EngineLog {
        final List<String> info = new CopyOnWriteArrayList<>();
        final List<String> warn = new CopyOnWriteArrayList<>();

        @Override
        public void info(String line) {
            info.add(line);
        }

        @Override
        public void warn(String line) {
            warn.add(line);
        }
    }

    @Test
    void shouldLogThePlanEveryTenthTheErrorsAndTheTotals() {
        // given 14 planned deletes (6 untags + 8 manifest deletes)
        InMemoryRegistry reg = PurgeServiceTest.registry();
        Lines progress = new Lines();

        // when
        PurgeReport r = PurgeService.run(reg, PurgeServiceTest.request().concurrency(1).build(),
                PurgeProgress.toLog(progress), EngineLog.SILENT);

        // then
        assertThat(r.status()).isEqualTo(PurgeReport.Status.COMPLETED);
        assertThat(progress.info.get(0)).isEqualTo("purge plan: 6 untags and 8 manifest deletes in 1 repositories");
        assertThat(progress.info).filteredOn(l -> l.startsWith("purge progress: ")).hasSize(10)
                .last().isEqualTo("purge progress: 14/14 (100 %): 14 done, 0 skipped, 0 errors");
        assertThat(progress.info.get(progress.info.size() - 1))
                .isEqualTo("purge completed: 6 untagged, 8 manifests deleted, 0 skipped, 0 errors, 0 not attempted");
        assertThat(progress.warn).isEmpty();
    }

    @Test
    void shouldLogAnErrorAsAWarningAtOnce() {
        InMemoryRegistry reg = PurgeServiceTest.registry();
        reg.fault = call -> call.equals("untag app:ci-6") ? new RegistryException("403 forbidden", 403, null, null) : null;
        Lines progress = new Lines();

        PurgeReport r = PurgeService.run(reg, PurgeServiceTest.request().concurrency(1).build(),
                PurgeProgress.toLog(progress), EngineLog.SILENT);

        assertThat(r.status()).isEqualTo(PurgeReport.Status.FAILED);
        assertThat(progress.warn).singleElement().satisfies(l -> assertThat(l).startsWith("purge error: untag app:ci-6: "));
        assertThat(progress.info.get(progress.info.size() - 1)).startsWith("purge failed: ");
    }
}
