package io.acrlifecycle.emulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acrlifecycle.emulator.base.AcrErrors;
import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.store.Attrs;
import io.acrlifecycle.emulator.store.ManifestRec;
import io.acrlifecycle.emulator.store.Page;
import io.acrlifecycle.emulator.store.RegistryStore;
import io.acrlifecycle.emulator.store.Repo;
import io.acrlifecycle.emulator.store.TagRec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Repositories, tags and manifests: listings, attributes, locks and deletes (the /acr/v1 API and /v2 reads). */
public final class RegistryService {
    private final Env env;
    private final Removals removals;

    public RegistryService(Env env, Removals removals) {
        this.env = env;
        this.removals = removals;
    }

    private RegistryStore store() {
        return env.store();
    }

    /** A live repository or 404 NAME_UNKNOWN. Caller holds the lock. */
    public Repo liveRepo(String name) {
        Repo r = store().repo(name);
        if (r == null || !r.live()) {
            throw AcrErrors.nameUnknown(name);
        }
        return r;
    }

    // ---- catalog

    public Listing catalog(ListParams p) {
        return store().locked(() -> {
            var tail = store().reposAfter(p.last());
            Page<Repo> page = Repo.take(tail.iterator(), p.n(), r -> r.live() && r.attrs.listEnabled);
            ObjectNode body = Json.object();
            ArrayNode names = body.putArray("repositories");
            page.items().forEach(r -> names.add(r.name));
            return new Listing(body, page.more() ? last(page.items()).name : null);
        });
    }

    // ---- repository

    public ObjectNode repository(String name) {
        return store().locked(() -> {
            return Views.repository(env.loginServer(), liveRepo(name));
        });
    }

    public ObjectNode updateRepository(String name, JsonNode body) {
        return store().locked(() -> {
            Repo r = liveRepo(name);
            apply(r.attrs, body);
            store().markDirty(r.name);
            return Views.repository(env.loginServer(), r);
        });
    }

    public ObjectNode deleteRepository(String name) {
        return store().locked(() -> {
            Repo r = liveRepo(name);
            if (r.attrs.deleteLocked()) {
                throw AcrErrors.disallowed("repository " + name);
            }
            for (ManifestRec m : r.manifests()) {
                checkDeletable(r, m);
            }
            Instant now = env.now();
            boolean soft = env.registry().softDeleteEnabled();
            ObjectNode out = Json.object();
            ArrayNode manifests = out.putArray("manifestsDeleted");
            ArrayNode tags = out.putArray("tagsDeleted");
            for (ManifestRec m : new ArrayList<>(r.manifests())) {
                manifests.add(m.digest);
                removals.deleteManifest(r, m, now, soft).forEach(tags::add);
            }
            if (soft) {
                r.deletedAt = now;
            }
            removals.dropIfEmpty(r);
            return out;
        });
    }

    // ---- tags

    public Listing tags(String repoName, ListParams p, String digest) {
        return store().locked(() -> {
            Repo r = liveRepo(repoName);
            Page<TagRec> page;
            if (digest != null) {
                ManifestRec m = r.manifest(digest);
                List<TagRec> tags = new ArrayList<>();
                if (m != null) {
                    m.tags.forEach(t -> tags.add(r.tag(t)));
                }
                tags.sort(order(p.orderby()));
                int start = 0;
                if (p.last() != null) {
                    for (int i = 0; i < tags.size(); i++) {
                        if (tags.get(i).name().equals(p.last())) {
                            start = i + 1;
                        }
                    }
                }
                page = Repo.take(tags.subList(start, tags.size()).iterator(), p.n(), t -> t.attrs.listEnabled);
            } else {
                page = r.tagPage(p.last(), p.n(), p.orderby(), t -> t.attrs.listEnabled);
            }
            ObjectNode body = Views.wrapper(env.loginServer(), r.name);
            ArrayNode items = body.putArray("tags");
            page.items().forEach(t -> items.add(Views.tag(t)));
            return new Listing(body, page.more() ? last(page.items()).name() : null);
        });
    }

    private static Comparator<TagRec> order(String orderby) {
        Comparator<TagRec> time = Comparator.comparing(TagRec::updated).thenComparing(TagRec::name);
        if ("timeasc".equals(orderby)) {
            return time;
        }
        if ("timedesc".equals(orderby)) {
            return time.reversed();
        }
        return Comparator.comparing(TagRec::name);
    }

    public ObjectNode tag(String repoName, String tag) {
        return store().locked(() -> {
            Repo r = liveRepo(repoName);
            return wrapped(r, "tag", Views.tag(liveTag(r, tag)));
        });
    }

    public ObjectNode updateTag(String repoName, String tag, JsonNode body) {
        return store().locked(() -> {
            Repo r = liveRepo(repoName);
            TagRec t = liveTag(r, tag);
            apply(t.attrs, body);
            store().markDirty(r.name);
            return wrapped(r, "tag", Views.tag(t));
        });
    }

    public void deleteTag(String repoName, String tag) {
        store().locked(() -> {
            Repo r = liveRepo(repoName);
            TagRec t = liveTag(r, tag);
            if (t.attrs.deleteLocked()) {
                throw AcrErrors.disallowed("tag " + repoName + ":" + tag);
            }
            removals.untag(r, t, env.now(), env.registry().softDeleteEnabled());
        });
    }

    private static TagRec liveTag(Repo r, String tag) {
        TagRec t = r.tag(tag);
        if (t == null) {
            throw AcrErrors.tagUnknown(tag);
        }
        return t;
    }

    // ---- manifests

    public Listing manifests(String repoName, ListParams p) {
        return store().locked(() -> {
            Repo r = liveRepo(repoName);
            Page<ManifestRec> page = r.manifestPage(p.last(), p.n(), p.orderby(), m -> m.attrs.listEnabled);
            ObjectNode body = Views.wrapper(env.loginServer(), r.name);
            ArrayNode items = body.putArray("manifests");
            page.items().forEach(m -> items.add(Views.manifest(m, false)));
            return new Listing(body, page.more() ? last(page.items()).digest : null);
        });
    }

    public ObjectNode manifest(String repoName, String reference) {
        return store().locked(() -> {
            Repo r = liveRepo(repoName);
            return wrapped(r, "manifest", Views.manifest(resolve(r, reference), true));
        });
    }

    public ObjectNode updateManifest(String repoName, String reference, JsonNode body) {
        return store().locked(() -> {
            Repo r = liveRepo(repoName);
            ManifestRec m = resolve(r, reference);
            apply(m.attrs, body);
            store().markDirty(r.name);
            return wrapped(r, "manifest", Views.manifest(m, true));
        });
    }

    /** {@code DELETE /v2/{name}/manifests/{digest}}: the manifest, its tags and its referrers. */
    public void deleteManifest(String repoName, String reference) {
        store().locked(() -> {
            Repo r = liveRepo(repoName);
            if (!Digests.looksLikeDigest(reference)) {
                throw AcrErrors.unsupportedRequest("delete by tag is not supported: DELETE /v2/" + repoName
                        + "/manifests/<digest>, or untag with DELETE /acr/v1/" + repoName + "/_tags/" + reference);
            }
            if (!Digests.isDigest(reference)) {
                throw AcrErrors.digestInvalid("invalid digest '" + reference + "'; accepted: sha256:<64 lowercase hex>");
            }
            ManifestRec m = r.manifest(reference);
            if (m == null) {
                throw AcrErrors.manifestUnknown(reference);
            }
            List<ManifestRec> all = removals.withReferrers(r, m);
            for (ManifestRec x : all) {
                checkDeletable(r, x);
            }
            Instant now = env.now();
            boolean soft = env.registry().softDeleteEnabled();
            for (ManifestRec x : all) {
                removals.deleteManifest(r, x, now, soft);
            }
            removals.dropIfEmpty(r);
        });
    }

    /** A delete-locked manifest, or one with a delete-locked tag, cannot be deleted. */
    private static void checkDeletable(Repo r, ManifestRec m) {
        if (m.attrs.deleteLocked()) {
            throw AcrErrors.disallowed("manifest " + r.name + "@" + m.digest);
        }
        for (String t : m.tags) {
            if (r.tag(t).attrs.deleteLocked()) {
                throw AcrErrors.disallowed("tag " + r.name + ":" + t);
            }
        }
    }

    /** A tag or digest to its live manifest, or 404 MANIFEST_UNKNOWN. */
    public static ManifestRec resolve(Repo r, String reference) {
        ManifestRec m;
        if (Digests.looksLikeDigest(reference)) {
            m = r.manifest(reference);
        } else {
            TagRec t = r.tag(reference);
            m = t == null ? null : r.manifest(t.digest());
        }
        if (m == null) {
            throw AcrErrors.manifestUnknown(reference);
        }
        return m;
    }

    /** ACR's single-item answer: {@code {"registry","imageName", field: item}}. */
    private ObjectNode wrapped(Repo r, String field, JsonNode item) {
        ObjectNode o = Views.wrapper(env.loginServer(), r.name);
        o.set(field, item);
        return o;
    }

    private static void apply(Attrs attrs, JsonNode body) {
        try {
            attrs.apply(body);
        } catch (IllegalArgumentException e) {
            throw AcrErrors.attributesInvalid(e.getMessage());
        }
    }

    private static <T> T last(List<T> items) {
        return items.get(items.size() - 1);
    }
}
