package io.acrlifecycle.engine.recovery;

import io.acrlifecycle.engine.purge.rules.Ago;
import io.acrlifecycle.engine.purge.rules.UserPattern;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Point-in-time recovery: bring back everything soft-deleted at or after {@code since}, in one repository, in the
 * repositories whose names match {@code filter}, or (neither) in the whole registry. Validated on construction,
 * before any registry call.
 *
 * @param since      deletions at or after this instant are undone
 * @param repository one repository, or null
 * @param filter     a regular expression matched against the whole repository name, or null
 * @param force      move a tag that now points at another digest (ACR soft-deletes the replaced tag); without it
 *                   such a tag is left alone and reported CONFLICT with both digests
 * @param dryRun     plan and report, change nothing
 * @param journal    where restore intents are recorded before each call (null: no journal; a real run from the
 *                   command line always has one); an existing journal of the same registry and {@code since} is
 *                   continued
 */
public record RecoveryRequest(Instant since, String repository, String filter, boolean force, boolean dryRun,
        Path journal) {
    /** The forms {@code since} accepts, for error messages. */
    public static final String SINCE_FORMS = "an ISO-8601 instant (2026-12-03T09:40:00Z), a date-time with offset "
            + "(2026-12-03T10:40:00+01:00), or a duration before now (90m, 2h, 1d)";
    private static final Pattern REPO = Pattern.compile(
            "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    public RecoveryRequest {
        Objects.requireNonNull(since, "since");
        if (repository != null && filter != null) {
            throw new IllegalArgumentException("repository and filter: give one, not both; accepted: a repository "
                    + "name (shop/api) or a regular expression over repository names (shop/.*)");
        }
        if (repository != null && (repository.length() > 255 || !REPO.matcher(repository).matches())) {
            throw new IllegalArgumentException("repository: '" + repository + "' is not a repository name; "
                    + "accepted: lowercase path like team/app, at most 255 characters");
        }
        if (filter != null) {
            UserPattern.compile("filter", filter); // refuses a bad regex with its position, before any call
        }
    }

    /** The repository names this request covers (a whole-name match for {@code filter}), compiled once. */
    public Predicate<String> repositories() {
        if (repository != null) {
            return repository::equals;
        }
        if (filter == null) {
            return name -> true;
        }
        UserPattern pattern = UserPattern.compile("filter", filter);
        return pattern::matches;
    }

    /**
     * Parses {@code since}: an instant, a date-time with offset, or a duration before {@code now} in {@code ago}'s
     * form. A time after {@code now} is refused: nothing can have been deleted then.
     */
    public static Instant parseSince(String field, String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": missing; accepted: " + SINCE_FORMS);
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                at = now.minus(Ago.parse(field, text.trim()).duration());
            } catch (IllegalArgumentException notADuration) {
                throw new IllegalArgumentException(field + ": '" + text + "' is not a time; accepted: " + SINCE_FORMS,
                        notADuration);
            }
        }
        if (at.isAfter(now)) {
            throw new IllegalArgumentException(field + ": '" + text + "' is in the future (now is " + now
                    + "); accepted: " + SINCE_FORMS);
        }
        return at;
    }

    public RecoveryRequest withDryRun(boolean value) {
        return new RecoveryRequest(since, repository, filter, force, value, journal);
    }

    public RecoveryRequest withJournal(Path value) {
        return new RecoveryRequest(since, repository, filter, force, dryRun, value);
    }
}
