package io.revattr.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conflicting Delta writes are retried with growing, spread-out waits, then given up. */
class DeltaRetryTest {
  @Test
  void waitCeilingsDoubleFromAFifthOfASecondUpToTenSecondsEachWaitInTheUpperHalf() {
    // Ceilings: 200, 400, 800, 1600, 3200, 6400, then 10,000 ms.
    long[] ceilings = {200, 400, 800, 1_600, 3_200, 6_400, 10_000, 10_000, 10_000};
    for (int retry = 1; retry <= ceilings.length; retry++) {
      long ceiling = ceilings[retry - 1];
      assertThat(DeltaRetry.backoffMillis(retry, 0.0)).as("retry %d", retry).isEqualTo(ceiling / 2);
      assertThat(DeltaRetry.backoffMillis(retry, 0.999_999))
          .as("retry %d", retry)
          .isBetween(ceiling - 1, ceiling);
    }
    assertThat(DeltaRetry.backoffMillis(60, 0.5)).isEqualTo(7_500);
  }

  @Test
  void aWriteThatKeepsConflictingIsTriedTenTimesThenItsConflictIsThrown() {
    List<Long> waits = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    ConcurrentModificationException conflict = new ConcurrentModificationException("busy");
    assertThatThrownBy(
            () ->
                DeltaRetry.call(
                    "test write",
                    attempt -> {
                      attempts.add(attempt);
                      throw conflict;
                    },
                    waits::add))
        .isSameAs(conflict);
    assertThat(attempts).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(waits).hasSize(9);
    // In all, between half and all of 200 + 400 + ... + 6,400 + 3 x 10,000 ms.
    assertThat(waits.stream().mapToLong(Long::longValue).sum()).isBetween(21_300L, 42_600L);
  }

  @Test
  void aWriteThatSucceedsOnARetryReturnsItsResult() {
    List<Long> waits = new ArrayList<>();
    String result =
        DeltaRetry.call(
            "test write",
            attempt -> {
              if (attempt < 3) {
                throw new ConcurrentModificationException("busy");
              }
              return "written on attempt " + attempt;
            },
            waits::add);
    assertThat(result).isEqualTo("written on attempt 3");
    assertThat(waits).hasSize(2);
  }
}
