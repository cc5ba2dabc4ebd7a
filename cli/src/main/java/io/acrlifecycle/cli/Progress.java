package io.acrlifecycle.cli;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Progress of a long operation on stderr: one line redrawn in place on a terminal (a bar), plain lines at each 10%
 * step otherwise, so CI logs stay short. Once a second of work is behind it, each line also shows the current rate
 * (items per second over the last {@link #RATE_WINDOW_NANOS} ns: a purge paced to the registry's quota shows that
 * pace) and the time left at that rate. Thread-safe: engines report from worker threads.
 */
public final class Progress {
    private static final int BAR = 30;
    static final long RATE_WINDOW_NANOS = 10_000_000_000L;
    private final PrintWriter err;
    private final boolean interactive;
    private final String label;
    private final LongSupplier nanoTime;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanoTime, done}
    private int lastDecile = -1;
    private boolean drawn;

    public Progress(Io io, String label) {
        this(io, label, System::nanoTime);
    }

    Progress(Io io, String label, LongSupplier nanoTime) {
        this.err = io.err();
        this.interactive = io.interactive();
        this.label = label;
        this.nanoTime = nanoTime;
    }

    public synchronized void update(long done, long total) {
        if (total <= 0) {
            return;
        }
        String pace = pace(done, total);
        int percent = (int) Math.min(100, done * 100 / total);
        if (interactive) {
            int filled = percent * BAR / 100;
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + done + "/" + total
                    + (pace.isEmpty() ? "" : "  " + pace));
            err.flush();
            drawn = true;
        } else if (percent / 10 > lastDecile) {
            lastDecile = percent / 10;
            err.println(label + ": " + done + "/" + total + " (" + percent + "%)" + (pace.isEmpty() ? "" : ", " + pace));
        }
    }

    /** "8.3/s, 9m48s left" once a second of samples is there; "" before. */
    private String pace(long done, long total) {
        long now = nanoTime.getAsLong();
        samples.addLast(new long[] {now, done});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW_NANOS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double seconds = (now - first[0]) / 1e9;
        if (seconds < 1 || done <= first[1]) {
            return "";
        }
        double rate = (done - first[1]) / seconds;
        String perSecond = rate >= 10 ? Long.toString(Math.round(rate)) : String.format(java.util.Locale.ROOT, "%.1f", rate);
        return perSecond + "/s, " + duration((long) Math.ceil(Math.max(0, total - done) / rate)) + " left";
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format("%02d", seconds % 3600 / 60) + "m";
    }

    /** Ends the redrawn line so the next output starts on a fresh one. */
    public synchronized void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
