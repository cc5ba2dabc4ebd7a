package io.acrlifecycle.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry's clock: system time plus an offset that tests move. It drives timestamps, soft-delete auto-purge
 * and the untagged retention policy; moving it runs whatever came due. Tokens expire by real time.
 */
public final class EmulatorClock {
    private volatile Duration offset = Duration.ZERO;
    private final List<Runnable> onMove = new CopyOnWriteArrayList<>();

    public Instant now() {
        return Instant.now().plus(offset);
    }

    /** Sets the current time; time keeps flowing from there. */
    public void set(Instant now) {
        offset = Duration.between(Instant.now(), now);
        moved();
    }

    public void advance(Duration d) {
        offset = offset.plus(d);
        moved();
    }

    /** Back to system time. */
    public void reset() {
        offset = Duration.ZERO;
        moved();
    }

    public Duration offset() {
        return offset;
    }

    void restoreOffset(Duration d) {
        offset = d;
    }

    void onMove(Runnable r) {
        onMove.add(r);
    }

    private void moved() {
        onMove.forEach(Runnable::run);
    }
}
