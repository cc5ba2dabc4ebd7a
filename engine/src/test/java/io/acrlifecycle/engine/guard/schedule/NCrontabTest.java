package io.acrlifecycle.engine.guard.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NCrontabTest {

    private static Instant at(final String iso) {
        return Instant.parse(iso);
    }

    /** A daily 01:00 schedule fires once a day at 01:00 UTC. */
    @Test
    void shouldFireDailyAtOneUtc() {
        NCrontab cron = NCrontab.parse("0 1 * * *");

        List<Instant> fires = cron.nextFireTimes(at("2026-11-30T00:59:00Z"), at("2026-12-02T01:00:00Z"));

        assertThat(fires).containsExactly(at("2026-11-30T01:00:00Z"), at("2026-12-01T01:00:00Z"),
                at("2026-12-02T01:00:00Z"));
    }

    /** Both window ends are inclusive; a start just after the fire skips it. */
    @Test
    void shouldTreatWindowBoundsInclusive() {
        NCrontab cron = NCrontab.parse("0 1 * * *");

        assertThat(cron.nextFireTimes(at("2026-12-01T01:00:00Z"), at("2026-12-01T01:00:00Z")))
                .containsExactly(at("2026-12-01T01:00:00Z"));
        assertThat(cron.nextFireTimes(at("2026-12-01T01:00:01Z"), at("2026-12-02T00:59:59Z"))).isEmpty();
        assertThat(cron.nextFireTime(at("2026-12-01T01:00:01Z"), at("2026-12-09T00:00:00Z")))
                .contains(at("2026-12-02T01:00:00Z"));
    }

    /** Steps, ranges and lists expand like NCrontab's. */
    @Test
    void shouldExpandStepsRangesAndLists() {
        NCrontab cron = NCrontab.parse("*/20 9-17/4,23 * * *");

        List<Instant> fires = cron.nextFireTimes(at("2026-01-05T00:00:00Z"), at("2026-01-05T23:59:00Z"));

        assertThat(fires).extracting(Instant::toString).containsExactly(
                "2026-01-05T09:00:00Z", "2026-01-05T09:20:00Z", "2026-01-05T09:40:00Z",
                "2026-01-05T13:00:00Z", "2026-01-05T13:20:00Z", "2026-01-05T13:40:00Z",
                "2026-01-05T17:00:00Z", "2026-01-05T17:20:00Z", "2026-01-05T17:40:00Z",
                "2026-01-05T23:00:00Z", "2026-01-05T23:20:00Z", "2026-01-05T23:40:00Z");
    }

    /** 'a/n' runs from a to the field maximum, and a reversed range is swapped (NCrontab behaviour). */
    @Test
    void shouldReadStartStepAndReversedRangeLikeNCrontab() {
        assertThat(NCrontab.parse("50/5 0 * * *").nextFireTimes(at("2026-01-01T00:00:00Z"), at("2026-01-01T00:59:00Z")))
                .extracting(Instant::toString).containsExactly("2026-01-01T00:50:00Z", "2026-01-01T00:55:00Z");
        assertThat(NCrontab.parse("0 5-3 * * *")).isEqualTo(NCrontab.parse("0 3-5 * * *"));
    }

    /** Day 31 only fires in months that have it; month ends are not shifted. */
    @Test
    void shouldSkipMonthsWithoutDay31() {
        NCrontab cron = NCrontab.parse("0 0 31 * *");

        List<Instant> fires = cron.nextFireTimes(at("2026-01-01T00:00:00Z"), at("2026-08-01T00:00:00Z"));

        assertThat(fires).extracting(Instant::toString).containsExactly("2026-01-31T00:00:00Z",
                "2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z");
    }

    /** 29 February fires only in leap years. */
    @Test
    void shouldFireOnLeapDayOnlyInLeapYears() {
        NCrontab cron = NCrontab.parse("30 12 29 Feb *");

        assertThat(cron.nextFireTimes(at("2027-01-01T00:00:00Z"), at("2027-12-31T00:00:00Z"))).isEmpty();
        assertThat(cron.nextFireTimes(at("2028-01-01T00:00:00Z"), at("2028-12-31T00:00:00Z")))
                .containsExactly(at("2028-02-29T12:30:00Z"));
    }

    /** NCrontab ANDs day-of-month and day-of-week: '0 0 13 * Fri' is Friday the 13th only (vixie would OR). */
    @Test
    void shouldRequireBothDayOfMonthAndDayOfWeek() {
        NCrontab cron = NCrontab.parse("0 0 13 * Fri");

        List<Instant> fires = cron.nextFireTimes(at("2026-01-01T00:00:00Z"), at("2026-12-31T00:00:00Z"));

        assertThat(fires).extracting(Instant::toString).containsExactly("2026-02-13T00:00:00Z",
                "2026-03-13T00:00:00Z", "2026-11-13T00:00:00Z");
    }

    /** Day names, month names and Sunday = 0 map to the right weekdays. */
    @Test
    void shouldMapNamesAndSundayZero() {
        assertThat(NCrontab.parse("0 0 * * Sun")).isEqualTo(NCrontab.parse("0 0 * * 0"));
        assertThat(NCrontab.parse("0 0 * * mon-FRI")).isEqualTo(NCrontab.parse("0 0 * * 1-5"));
        assertThat(NCrontab.parse("0 0 * jan,December *")).isEqualTo(NCrontab.parse("0 0 * 1,12 *"));
        assertThat(NCrontab.parse("0 3 * * 0").nextFireTimes(at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z")))
                .containsExactly(at("2026-11-29T03:00:00Z")); // 29 Nov 2026 is a Sunday
    }

    /** Evaluation is UTC whatever the JVM's default time zone is. */
    @Test
    void shouldEvaluateInUtcRegardlessOfDefaultZone() {
        java.util.TimeZone before = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertThat(NCrontab.parse("0 1 * * *").nextFireTimes(at("2026-12-01T00:00:00Z"), at("2026-12-01T23:59:00Z")))
                    .containsExactly(at("2026-12-01T01:00:00Z"));
            assertThat(NCrontab.parse("0 1 * * *").matches(at("2026-12-01T01:00:30Z"))).isTrue();
        } finally {
            java.util.TimeZone.setDefault(before);
        }
    }

    /** Bad schedules name the field and the accepted form. */
    @Test
    void shouldRefuseBadSchedulesNamingTheField() {
        assertThatThrownBy(() -> NCrontab.parse("0 25 * * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hour field '25'").hasMessageContaining("outside 0-23").hasMessageContaining("accepted");
        assertThatThrownBy(() -> NCrontab.parse("0 1 * *")).hasMessageContaining("exactly 5")
                .hasMessageContaining("{minute} {hour} {day} {month} {day-of-week}");
        assertThatThrownBy(() -> NCrontab.parse("0 0 1 * * *")).hasMessageContaining("6 fields");
        assertThatThrownBy(() -> NCrontab.parse("0 0 * * 7")).hasMessageContaining("day-of-week field '7'")
                .hasMessageContaining("use 0 or Sun");
        assertThatThrownBy(() -> NCrontab.parse("0 0 * Foo *")).hasMessageContaining("month field 'Foo'")
                .hasMessageContaining("Jan-Dec");
        assertThatThrownBy(() -> NCrontab.parse("*/0 0 * * *")).hasMessageContaining("minute field '*/0'");
        assertThatThrownBy(() -> NCrontab.parse("0 0 0 * *")).hasMessageContaining("day field '0'");
        assertThatThrownBy(() -> NCrontab.parse("x 0 * * *")).hasMessageContaining("minute field 'x'");
        assertThatThrownBy(() -> NCrontab.parse("1,,2 0 * * *")).hasMessageContaining("empty list element");
        assertThatThrownBy(() -> NCrontab.parse(" ")).hasMessageContaining("schedule: empty");
    }

    /** The evaluated window is bounded. */
    @Test
    void shouldRefuseWindowsBeyondTheBound() {
        NCrontab cron = NCrontab.parse("* * * * *");

        assertThatThrownBy(() -> cron.nextFireTimes(at("2026-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z")))
                .hasMessageContaining("window");
        assertThat(cron.nextFireTimes(at("2026-01-01T00:00:00Z"), at("2026-01-01T01:00:00Z"))).hasSize(61);
    }
}
