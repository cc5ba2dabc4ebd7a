package io.acrlifecycle.engine.purge.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * acr purge's {@code --filter "<repo-regex>:<tag-regex>"}.
 *
 * <p>Split like acr purge: every {@code :} is a separator except inside {@code [...]} (also nested, as in
 * {@code [[:digit:]]}) and the one closing the flags of a {@code (?flags:} group; exactly two non-empty parts.
 * The tag part is unanchored (searched). The repository part is anchored; see {@link RepoAnchoring}.
 */
public record Filter(String text, String repoRegex, String tagRegex, RepoAnchoring anchoring, UserPattern repo,
        UserPattern tag) {

    public static final String ACCEPTED = "'<repository-regex>:<tag-regex>', e.g. 'app:^v1\\..*' or 'team/.*:.*'";

    /** How the repository part is anchored. */
    public enum RepoAnchoring {
        /** {@code ^(?:repo)$}: the whole name must match, also for alternations. Used by rules files. */
        FULL,
        /**
         * acr purge's string concatenation {@code ^} + repo + {@code $}: {@code a|b} becomes {@code ^a|b$}, so it
         * also matches {@code axyz} and {@code xyzb}. Reproduced for rules built from acr purge flags, so that a
         * simulated scheduled purge deletes exactly what acr purge would.
         */
        ACR_PURGE
    }

    public Filter {
        Objects.requireNonNull(text, "text");
    }

    /** Parses and compiles a filter; errors start with {@code field} and show the position in {@code text}. */
    public static Filter parse(String field, String text, RepoAnchoring anchoring) {
        return parse(field, text, anchoring, UserPattern.DEFAULT_BUDGET);
    }

    static Filter parse(String field, String text, RepoAnchoring anchoring, long budget) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": filter is empty; accepted: " + ACCEPTED);
        }
        List<String> parts = split(text);
        if (parts.size() != 2) {
            throw new IllegalArgumentException(field + ": '" + text + "' must have exactly one ':' between the repository"
                    + " and the tag expression (found " + (parts.size() - 1) + "); put a ':' inside a class like [:] "
                    + "to match a colon; accepted: " + ACCEPTED);
        }
        if (parts.get(0).isEmpty()) {
            throw new IllegalArgumentException(field + ": '" + text + "' has no repository expression before ':'; accepted: " + ACCEPTED);
        }
        if (parts.get(1).isEmpty()) {
            throw new IllegalArgumentException(field + ": '" + text + "' has no tag expression after ':'; accepted: " + ACCEPTED);
        }
        String label = "filter '" + text + "'";
        String r = parts.get(0);
        String t = parts.get(1);
        UserPattern repo = anchoring == RepoAnchoring.FULL
                ? UserPattern.compile(field, label, "repository", text, 0, r, "^(?:", ")$", budget)
                : UserPattern.compile(field, label, "repository", text, 0, r, "^", "$", budget);
        UserPattern tag = UserPattern.compile(field, label, "tag", text, r.length() + 1, t, "", "", budget);
        return new Filter(text, r, t, anchoring, repo, tag);
    }

    /** acr purge's split: unprotected colons separate; colons in classes and after {@code (?flags} do not. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int classDepth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(++i));
                continue;
            }
            if (classDepth > 0) {
                if (c == '[') {
                    classDepth++;
                } else if (c == ']') {
                    classDepth--;
                }
                cur.append(c);
                continue;
            }
            if (c == '[') {
                classDepth = 1;
                cur.append(c);
                // a ']' right after '[' or '[^' is a literal member, not the end of the class
                if (i + 1 < text.length() && text.charAt(i + 1) == '^') {
                    cur.append(text.charAt(++i));
                }
                if (i + 1 < text.length() && text.charAt(i + 1) == ']') {
                    cur.append(text.charAt(++i));
                }
                continue;
            }
            if (c == '(' && i + 1 < text.length() && text.charAt(i + 1) == '?') {
                int j = i + 2;
                while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '-')) {
                    j++;
                }
                if (j < text.length() && text.charAt(j) == ':') {
                    cur.append(text, i, j + 1);
                    i = j;
                    continue;
                }
            }
            if (c == ':') {
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
        return parts;
    }

    public boolean matchesRepository(String repository) {
        return repo.find(repository);
    }

    public boolean matchesTag(String tagName) {
        return tag.find(tagName);
    }

    @Override
    public String toString() {
        return text;
    }
}
