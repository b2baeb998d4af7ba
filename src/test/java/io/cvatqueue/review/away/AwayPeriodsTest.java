package io.cvatqueue.review.away;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a new away period must keep: a start, an end after it and in the future, and no overlap. */
class AwayPeriodsTest {

    private static final Instant NOW = Instant.parse("2030-03-01T09:00:00Z");
    private static final AwayPeriod HOLIDAY = new AwayPeriod(1L, "rita", NOW.plus(Duration.ofDays(10)),
            NOW.plus(Duration.ofDays(17)), "holiday", "rita", NOW);

    @Test
    void aPeriodWithoutStartOrEndIsRefused() {
        assertThatThrownBy(() -> AwayPeriods.check(null, NOW, NOW, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Enter when the away period starts and "
                        + "when it ends");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> AwayPeriods.check(NOW.plusSeconds(60), NOW, NOW, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The end is not after the start");
    }

    @Test
    void aPeriodAlreadyOverIsRefused() {
        assertThatThrownBy(() -> AwayPeriods.check(NOW.minusSeconds(600), NOW.minusSeconds(60), NOW, List.of()))
                .hasMessage("That period is already over");
    }

    @Test
    void aPeriodOverlappingAnotherIsRefusedNamingTheOther() {
        assertThatThrownBy(() -> AwayPeriods.check(NOW.plus(Duration.ofDays(16)), NOW.plus(Duration.ofDays(20)),
                NOW, List.of(HOLIDAY)))
                .hasMessage("It overlaps the away period from 2030-03-11 09:00 UTC to 2030-03-18 09:00 UTC; cancel "
                        + "that one or choose other dates");
    }

    @Test
    void aPeriodThatStartsWhenAnotherEndsIsAccepted() {
        assertThatCode(() -> AwayPeriods.check(HOLIDAY.endsAt(), HOLIDAY.endsAt().plus(Duration.ofDays(1)), NOW,
                List.of(HOLIDAY))).doesNotThrowAnyException();
        assertThatCode(() -> AwayPeriods.check(NOW, HOLIDAY.startsAt(), NOW, List.of(HOLIDAY)))
                .doesNotThrowAnyException();
    }
}
