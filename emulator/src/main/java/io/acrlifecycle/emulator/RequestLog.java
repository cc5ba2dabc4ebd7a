package io.acrlifecycle.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What the emulator was asked (the latest 100,000 requests). Thread-safe. Never records headers or bodies. */
public final class RequestLog {
    private static final int MAX = 100_000;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /** One request: when (emulator clock), method, decoded path, raw query and the status (0: connection dropped). */
    public record Entry(Instant at, String method, String path, String query, int status) {
    }

    synchronized void add(Entry e) {
        if (entries.size() == MAX) {
            entries.removeFirst();
        }
        entries.addLast(e);
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }

    /** Requests with this method ({@code null} = any) whose decoded path fully matches the regex. */
    public synchronized long count(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return entries.stream().filter(e -> (method == null || method.equalsIgnoreCase(e.method()))
                && p.matcher(e.path()).matches()).count();
    }
}
