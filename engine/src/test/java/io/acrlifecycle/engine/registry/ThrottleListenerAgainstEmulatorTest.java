package io.acrlifecycle.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.acrlifecycle.emulator.AcrEmulatorExtension;
import io.acrlifecycle.emulator.FaultRule;
import io.acrlifecycle.engine.model.DeleteOutcome;
import io.acrlifecycle.engine.testing.EmulatorRegistries;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The retry policy tells a throttle listener of every 429, also of those it retries itself, and asks before retrying. */
class ThrottleListenerAgainstEmulatorTest {
    @RegisterExtension
    static AcrEmulatorExtension EMU = new AcrEmulatorExtension();

    @Test
    void shouldHearEveryThrottledAnswerAndEachRetryUntilClosed() throws Exception {
        // given
        EMU.emulator().seed("{\"repositories\":[{\"name\":\"app\",\"manifests\":[{\"id\":\"a\",\"tags\":[\"v1\",\"v2\"]}]}]}");
        List<String> heard = new CopyOnWriteArrayList<>();
        try (AcrRegistry reg = EmulatorRegistries.open(EMU.emulator())) {
            AutoCloseable handle = reg.onThrottle(new ThrottleListener() {
                @Override
                public void throttled(String method, String path, int status, long sentAtNanos, Duration retryAfter) {
                    assertThat(sentAtNanos - System.nanoTime()).isNegative();
                    heard.add(method + " " + path + " " + status + " " + retryAfter);
                }

                @Override
                public void beforeRetry(String method, String path) {
                    heard.add("retry " + method + " " + path);
                }
            });
            EMU.emulator().faults().add(FaultRule.status("DELETE", "/acr/v1/app/_tags/.*", 429).retryAfterSeconds(0)
                    .times(2));
            // when
            DeleteOutcome first = reg.deleteTag("app", "v1");
            handle.close();
            EMU.emulator().faults().add(FaultRule.status("DELETE", "/acr/v1/app/_tags/.*", 429).retryAfterSeconds(0)
                    .times(1));
            DeleteOutcome second = reg.deleteTag("app", "v2");
            // then
            assertThat(first).isEqualTo(DeleteOutcome.DELETED);
            assertThat(second).isEqualTo(DeleteOutcome.DELETED);
            assertThat(heard).containsExactly("DELETE /acr/v1/app/_tags/v1 429 PT0S", "retry DELETE /acr/v1/app/_tags/v1",
                    "DELETE /acr/v1/app/_tags/v1 429 PT0S", "retry DELETE /acr/v1/app/_tags/v1");
        }
    }
}
