package io.acrlifecycle.engine.restore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders restore items so that what a manifest depends on comes back first: an index's children before the index,
 * a subject before its referrers (ACR refuses a referrer whose subject is not live, and restore is not recursive).
 * Kahn's algorithm, stable for independent items; a cycle (which valid manifests cannot form) keeps input order.
 */
final class RestoreOrder {
    private RestoreOrder() {
    }

    record Node(String repository, String digest, List<String> after) {
    }

    /** Sorts keys; {@code after} of a node lists digests (same repository) that must come before it. */
    static List<String> sort(LinkedHashMap<String, Node> nodes) {
        Map<String, Integer> indegree = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        nodes.keySet().forEach(k -> indegree.put(k, 0));
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            for (String dep : e.getValue().after()) {
                String depKey = key(e.getValue().repository(), dep);
                if (nodes.containsKey(depKey) && !depKey.equals(e.getKey())) {
                    indegree.merge(e.getKey(), 1, Integer::sum);
                    dependents.computeIfAbsent(depKey, k -> new ArrayList<>()).add(e.getKey());
                }
            }
        }
        // linear: a queue (not ArrayList.remove(0)) and a set (not List.contains); 100,000 items order in milliseconds
        List<String> out = new ArrayList<>(nodes.size());
        Set<String> done = new HashSet<>();
        ArrayDeque<String> ready = new ArrayDeque<>();
        nodes.keySet().stream().filter(k -> indegree.get(k) == 0).forEach(ready::add);
        while (!ready.isEmpty()) {
            String k = ready.poll();
            out.add(k);
            done.add(k);
            for (String d : dependents.getOrDefault(k, List.of())) {
                if (indegree.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (out.size() < nodes.size()) {
            nodes.keySet().stream().filter(k -> !done.contains(k)).forEach(out::add);
        }
        return out;
    }

    static String key(String repository, String digest) {
        return repository + "@" + digest;
    }
}
