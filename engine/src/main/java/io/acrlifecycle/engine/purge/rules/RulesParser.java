package io.acrlifecycle.engine.purge.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the rules file through a Jackson tree (YAML is a superset of JSON, so one parser reads both) and checks
 * every field by hand, so that each problem names its path and unknown fields (typos such as {@code agoo}) are
 * refused instead of ignored.
 */
final class RulesParser {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> TOP = List.of("version", "rules", "exclude", "protect", "includeLocked");
    private static final List<String> RULE = List.of("name", "filter", "action", "ago", "keep", "untagged",
            "untaggedOnly");
    private static final List<String> PROTECT = List.of("tags", "images", "imagesFile");

    private final String source;
    private final Path baseDir;
    private final List<String> problems = new ArrayList<>();

    RulesParser(String source, Path baseDir) {
        this.source = source;
        this.baseDir = baseDir;
    }

    PurgeRules parse(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new RulesException(source, List.of("not valid YAML/JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RulesException(source, List.of("the rules file is empty; it needs 'version: 1' and 'rules:'"));
        }
        if (!root.isObject()) {
            throw new RulesException(source, List.of("the top level must be a mapping with 'version' and 'rules'"));
        }
        unknown(root, "", TOP);
        int version = 1;
        JsonNode v = root.get("version");
        if (v != null && !(v.isInt() && v.intValue() == 1)) {
            problems.add("version: '" + v.asText() + "' is not supported; accepted: 1");
        }
        boolean includeLocked = bool(root, "includeLocked", "includeLocked");
        List<PurgeRule> rules = new ArrayList<>();
        JsonNode rs = root.get("rules");
        if (rs == null || !rs.isArray() || rs.isEmpty()) {
            problems.add("rules: a non-empty list of rules is required");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < rs.size(); i++) {
                PurgeRule r = rule("rules[" + i + "]", rs.get(i), i);
                if (r != null) {
                    if (!names.add(r.name())) {
                        problems.add("rules[" + i + "].name: '" + r.name() + "' is used by an earlier rule; names must be unique");
                    }
                    rules.add(r);
                }
            }
        }
        List<Filter> exclude = new ArrayList<>();
        List<UserPattern> tags = new ArrayList<>();
        List<ProtectedImage> images = new ArrayList<>();
        List<String> ex = strings(root.get("exclude"), "exclude");
        List<String> pt = List.of();
        List<String> pi = List.of();
        Path imagesFile = null;
        JsonNode p = root.get("protect");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                problems.add("protect: must be a mapping with tags, images, imagesFile");
            } else {
                unknown(p, "protect.", PROTECT);
                pt = strings(p.get("tags"), "protect.tags");
                pi = strings(p.get("images"), "protect.images");
                JsonNode f = p.get("imagesFile");
                if (f != null && !f.isNull()) {
                    if (!f.isTextual() || f.asText().isBlank()) {
                        problems.add("protect.imagesFile: must be a file path");
                    } else {
                        imagesFile = baseDir == null ? Path.of(f.asText()) : baseDir.resolve(f.asText());
                    }
                }
            }
        }
        addExtras(problems, ex, pt, pi, imagesFile, exclude, tags, images, "exclude", "protect.tags",
                "protect.images", "protect.imagesFile");
        if (!problems.isEmpty()) {
            throw new RulesException(source, problems);
        }
        return new PurgeRules(version, rules, exclude, tags, images, includeLocked, source);
    }

    static void addExtras(List<String> problems, List<String> ex, List<String> pt, List<String> pi, Path imagesFile,
            List<Filter> exclude, List<UserPattern> tags, List<ProtectedImage> images) {
        addExtras(problems, ex, pt, pi, imagesFile, exclude, tags, images, "exclude", "protect.tags",
                "protect.images", "protect.imagesFile");
    }

    private static void addExtras(List<String> problems, List<String> ex, List<String> pt, List<String> pi,
            Path imagesFile, List<Filter> exclude, List<UserPattern> tags, List<ProtectedImage> images, String exField,
            String tagField, String imgField, String fileField) {
        int base = exclude.size();
        for (int i = 0; i < ex.size(); i++) {
            try {
                exclude.add(Filter.parse(exField + "[" + (base + i) + "]", ex.get(i), Filter.RepoAnchoring.FULL));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        base = tags.size();
        for (int i = 0; i < pt.size(); i++) {
            try {
                tags.add(UserPattern.compile(tagField + "[" + (base + i) + "]", pt.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        base = images.size();
        for (int i = 0; i < pi.size(); i++) {
            String f = imgField + "[" + (base + i) + "]";
            try {
                if (pi.get(i) == null || pi.get(i).isBlank()) {
                    throw new IllegalArgumentException(f + ": image reference is empty");
                }
                images.add(ProtectedImage.parse(f, pi.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (imagesFile != null) {
            try {
                images.addAll(ProtectedImage.parseList(TextFiles.read(imagesFile, fileField, "a UTF-8 text file of"
                        + " image references (repo:tag, repo@sha256:<64 hex>), separated by spaces or lines"),
                        fileField + " " + imagesFile));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
    }

    private PurgeRule rule(String path, JsonNode n, int index) {
        if (n == null || !n.isObject()) {
            problems.add(path + ": must be a mapping with name, filter, ago, keep, ...");
            return null;
        }
        int before = problems.size();
        unknown(n, path + ".", RULE);
        String name = "rule-" + (index + 1);
        JsonNode nn = n.get("name");
        if (nn != null && !nn.isNull()) {
            if (!nn.isTextual() || nn.asText().isBlank()) {
                problems.add(path + ".name: must be a non-empty string");
            } else {
                name = nn.asText();
            }
        }
        PurgeRule.Action action = PurgeRule.Action.PURGE;
        JsonNode a = n.get("action");
        if (a != null && !a.isNull()) {
            switch (a.asText()) {
                case "purge" -> action = PurgeRule.Action.PURGE;
                case "keep" -> action = PurgeRule.Action.KEEP;
                default -> problems.add(path + ".action: '" + a.asText() + "' is not an action; accepted: purge, keep");
            }
        }
        boolean untagged = bool(n, "untagged", path + ".untagged");
        boolean untaggedOnly = bool(n, "untaggedOnly", path + ".untaggedOnly");
        if (untagged && untaggedOnly) {
            problems.add(path + ": untagged and untaggedOnly are mutually exclusive (untaggedOnly already deletes untagged manifests)");
        }
        List<String> fs = strings(n.get("filter"), path + ".filter");
        if (fs.isEmpty() && !untaggedOnly && n.get("filter") != null && !n.get("filter").isArray()) {
            // reported by strings()
        } else if (fs.isEmpty() && !untaggedOnly) {
            problems.add(path + ".filter: at least one '<repository-regex>:<tag-regex>' filter is required"
                    + " (only an untaggedOnly rule may omit it)");
        }
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            try {
                filters.add(Filter.parse(path + ".filter[" + i + "]", fs.get(i), Filter.RepoAnchoring.FULL));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        Ago ago = Ago.ZERO;
        int keep = 0;
        if (action == PurgeRule.Action.KEEP) {
            for (String f : List.of("ago", "keep", "untagged", "untaggedOnly")) {
                if (n.has(f)) {
                    problems.add(path + "." + f + ": not allowed on an 'action: keep' rule (it spares everything it matches)");
                }
            }
        } else {
            JsonNode g = n.get("ago");
            if (g == null || g.isNull()) {
                if (!untaggedOnly) {
                    problems.add(path + ".ago: is required for a purge rule; accepted: " + Ago.ACCEPTED);
                }
            } else {
                try {
                    ago = Ago.parse(path + ".ago", g.isTextual() ? g.asText() : g.toString());
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            JsonNode k = n.get("keep");
            if (k != null && !k.isNull()) {
                if (!k.isIntegralNumber() || !k.canConvertToInt()) {
                    problems.add(path + ".keep: '" + k.asText() + "' is not a whole number; accepted: an integer >= 0");
                } else if (k.intValue() < 0) {
                    problems.add(path + ".keep: " + k.intValue() + " is negative; accepted: an integer >= 0");
                } else {
                    keep = k.intValue();
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new PurgeRule(name, filters, action, ago, keep, untagged, untaggedOnly);
    }

    private boolean bool(JsonNode n, String key, String path) {
        JsonNode b = n.get(key);
        if (b == null || b.isNull()) {
            return false;
        }
        if (!b.isBoolean()) {
            problems.add(path + ": '" + b.asText() + "' is not a boolean; accepted: true, false");
            return false;
        }
        return b.booleanValue();
    }

    /** A string or a list of strings. */
    private List<String> strings(JsonNode n, String path) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) {
            problems.add(path + ": must be a string or a list of strings");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual()) {
                problems.add(path + "[" + i + "]: must be a string (quote it in YAML)");
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    private void unknown(JsonNode n, String prefix, List<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(prefix + f + ": unknown field; known: " + String.join(", ", known));
            }
        }
    }
}
