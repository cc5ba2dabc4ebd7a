package io.acrlifecycle.cli.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.engine.json.Json;
import java.util.Random;

/**
 * The demo's registry, generated in code as an emulator seed (format in CONVENTIONS.md): 90 days of CI pushes to
 * {@code shop/web} and {@code shop/api}, tags overwritten into untagged manifests, a multi-arch release (OCI index
 * with two platform children) with a signature referrer and a locked tag, a base-image repository outside the purge
 * filter, and the nightly {@code acr purge} task. Times are relative to the emulator clock, so the story is the same
 * whatever the day. Deterministic for one {@code random} seed.
 */
public final class DemoSeed {

    /** The scheduled task the guard reads and the demo's purge mirrors. */
    public static final String TASK_NAME = "purge-nightly";
    public static final String PURGE_FILTER = "shop/.*:^build-";
    public static final String TASK_CMD = "acr purge --filter '" + PURGE_FILTER + "' --ago 30d --keep 10 --untagged";
    public static final String TASK_SCHEDULE = "0 1 * * *";

    public static final String WEB = "shop/web";
    public static final String API = "shop/api";
    public static final String BASE = "tools/base";

    /** The multi-arch, signed release of shop/web; its tag is locked. */
    public static final String LOCKED_RELEASE = "1.4.2";
    /** The production release of shop/api that the guard passes and locks. */
    public static final String API_RELEASE = "2.4.0";
    /** The production tag that gets deleted by accident, then restored. */
    public static final String ACCIDENT_TAG = "2.3.1";

    private static final int DAYS = 90;
    /** CI pushes to main: shop/web every 2 days, shop/api every 3 days, over 90 days. */
    static final int WEB_EVERY = 2;
    static final int API_EVERY = 3;
    static final int WEB_BUILDS = DAYS / WEB_EVERY;
    static final int API_BUILDS = DAYS / API_EVERY;
    private static final int WEB_FIRST_BUILD = 1000;
    private static final int API_FIRST_BUILD = 500;
    /** A build that an earlier guard run locked (writeEnabled false): purge skips it. */
    static final int LOCKED_BUILD_RANK = 28;
    private static final long MB = 1024L * 1024;

    private final Random random;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    private DemoSeed(long seed) {
        this.random = new Random(seed);
    }

    /** The seed JSON. */
    public static String generate(long seed) {
        return Json.write(new DemoSeed(seed).build());
    }

    /** The build tag of the {@code rank}-th newest shop/web build (1 = newest), pushed {@code (rank-1)*2} days ago. */
    public static String webBuild(int rank) {
        return "build-" + (WEB_FIRST_BUILD + WEB_BUILDS - rank);
    }

    public static String apiBuild(int rank) {
        return "build-" + (API_FIRST_BUILD + API_BUILDS - rank);
    }

    /** Days since the {@code rank}-th newest shop/web build was pushed. */
    public static int webBuildAge(int rank) {
        return (rank - 1) * WEB_EVERY;
    }

    private ObjectNode build() {
        ObjectNode root = json.objectNode();
        ObjectNode registry = root.putObject("registry");
        registry.put("sku", "Premium");
        // soft delete starts off: the demo's first step turns it on, as a pipeline would declare it
        registry.putObject("softDelete").put("enabled", false).put("retentionDays", 7);
        registry.putObject("retention").put("enabled", false).put("days", 7);
        registry.put("geoReplicated", false).put("zoneRedundant", false).put("anonymousPull", false);
        root.putArray("tasks").addObject().put("name", TASK_NAME).put("cmd", TASK_CMD)
                .put("schedule", TASK_SCHEDULE).put("status", "Enabled");
        ArrayNode repositories = root.putArray("repositories");
        repositories.add(web());
        repositories.add(api());
        repositories.add(base());
        return root;
    }

    private ObjectNode web() {
        ObjectNode repo = json.objectNode().put("name", WEB);
        ArrayNode manifests = repo.putArray("manifests");
        for (int rank = WEB_BUILDS; rank >= 1; rank--) {
            ciPush(manifests, "web", webBuild(rank), (rank - 1) * WEB_EVERY, rank, 110, 190);
        }
        release(manifests, "web", webBuild(40), "1.3.0", webBuildAge(40));
        release(manifests, "web", webBuild(31), "1.3.1", webBuildAge(31));
        release(manifests, "web", webBuild(12), "1.4.0", webBuildAge(12));
        lockTag(manifests, "web-" + webBuild(LOCKED_BUILD_RANK), webBuild(LOCKED_BUILD_RANK));
        // the production release: a multi-arch OCI index, signed, its tag locked against overwrite and delete
        int age = 40;
        manifests.addObject().put("id", "web-1.4.2-amd64").put("updated", hoursAgo(age, 2))
                .put("size", mb(150, 160)).put("os", "linux").put("architecture", "amd64");
        manifests.addObject().put("id", "web-1.4.2-arm64").put("updated", hoursAgo(age, 2))
                .put("size", mb(140, 150)).put("os", "linux").put("architecture", "arm64");
        ObjectNode index = manifests.addObject().put("id", "web-1.4.2").put("updated", hoursAgo(age, 1))
                .put("mediaType", "application/vnd.oci.image.index.v1+json").put("size", 1024);
        index.putArray("children").add("web-1.4.2-amd64").add("web-1.4.2-arm64");
        ArrayNode tags = index.putArray("tags");
        ObjectNode locked = tags.addObject().put("name", LOCKED_RELEASE);
        locked.putObject("locks").put("writeEnabled", false).put("deleteEnabled", false);
        manifests.addObject().put("id", "web-1.4.2-sig").put("subject", "web-1.4.2").put("updated", hoursAgo(age, 0))
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("artifactType", "application/vnd.cncf.notary.signature").put("size", 2048);
        return repo;
    }

    private ObjectNode api() {
        ObjectNode repo = json.objectNode().put("name", API);
        ArrayNode manifests = repo.putArray("manifests");
        for (int rank = API_BUILDS; rank >= 1; rank--) {
            ciPush(manifests, "api", apiBuild(rank), (rank - 1) * API_EVERY, rank, 70, 95);
        }
        release(manifests, "api", apiBuild(24), "2.2.0", 23 * API_EVERY);
        release(manifests, "api", apiBuild(14), "2.3.0", 13 * API_EVERY);
        release(manifests, "api", apiBuild(7), ACCIDENT_TAG, 6 * API_EVERY);
        release(manifests, "api", apiBuild(2), API_RELEASE, API_EVERY);
        return repo;
    }

    private ObjectNode base() {
        ObjectNode repo = json.objectNode().put("name", BASE);
        ArrayNode manifests = repo.putArray("manifests");
        String[] versions = {"3.18", "3.19", "3.20"};
        int[] ages = {85, 50, 8};
        for (int i = 0; i < versions.length; i++) {
            String id = "base-" + versions[i];
            manifests.addObject().put("id", id + "-amd64").put("updated", hoursAgo(ages[i], 1))
                    .put("size", mb(28, 32)).put("os", "linux").put("architecture", "amd64");
            manifests.addObject().put("id", id + "-arm64").put("updated", hoursAgo(ages[i], 1))
                    .put("size", mb(26, 30)).put("os", "linux").put("architecture", "arm64");
            ObjectNode index = manifests.addObject().put("id", id).put("updated", hoursAgo(ages[i], 0))
                    .put("mediaType", "application/vnd.oci.image.index.v1+json").put("size", 1024);
            index.putArray("children").add(id + "-amd64").add(id + "-arm64");
            ArrayNode tags = index.putArray("tags").add(versions[i]);
            if (i == versions.length - 1) {
                tags.add("latest");
            }
        }
        return repo;
    }

    /**
     * One CI push: a build tagged {@code build-N} (the newest also {@code latest}); every third build was pushed
     * twice (a re-run job), so the first push lost its tag and is now an untagged manifest.
     */
    private void ciPush(ArrayNode manifests, String prefix, String tag, int daysAgo, int rank, int minMb,
            int maxMb) {
        if (rank % 3 == 2) {
            manifests.addObject().put("id", prefix + "-" + tag + "-first").put("updated", hoursAgo(daysAgo, 3))
                    .put("size", mb(minMb, maxMb));
        }
        ObjectNode manifest = manifests.addObject().put("id", prefix + "-" + tag).put("updated", hoursAgo(daysAgo, 1))
                .put("size", mb(minMb, maxMb));
        ArrayNode tags = manifest.putArray("tags").add(tag);
        if (daysAgo == 0) {
            tags.add("latest");
        }
    }

    /** A release tag added to a build's manifest, an hour after the build. */
    private void release(ArrayNode manifests, String prefix, String buildTag, String version, int daysAgo) {
        ((ArrayNode) find(manifests, prefix + "-" + buildTag).get("tags")).addObject().put("name", version)
                .put("updated", hoursAgo(daysAgo, 0));
    }

    /** Replaces a plain tag by the same tag with writeEnabled/deleteEnabled off. */
    private void lockTag(ArrayNode manifests, String id, String tag) {
        ArrayNode tags = (ArrayNode) find(manifests, id).get("tags");
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).isTextual() && tags.get(i).asText().equals(tag)) {
                ObjectNode locked = json.objectNode().put("name", tag);
                locked.putObject("locks").put("writeEnabled", false).put("deleteEnabled", false);
                tags.set(i, locked);
                return;
            }
        }
        throw new IllegalStateException("no tag " + tag + " on " + id);
    }

    private static ObjectNode find(ArrayNode manifests, String id) {
        for (var node : manifests) {
            if (id.equals(node.path("id").asText())) {
                return (ObjectNode) node;
            }
        }
        throw new IllegalStateException("no seeded manifest " + id);
    }

    /** A relative time: {@code daysAgo} days plus {@code hours} hours before the emulator's now. */
    private static String hoursAgo(int daysAgo, int hours) {
        return "-" + (daysAgo * 24 + hours) + "h";
    }

    private long mb(int min, int max) {
        return (min + random.nextInt(max - min + 1)) * MB + random.nextInt(1024 * 1024);
    }
}
