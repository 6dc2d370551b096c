package io.revattr.common.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The configuration key an unknown key most likely misspells, for the error that refuses it. */
final class KeySuggestion {
  /** The most edits a misspelt key is taken to be away from the key it misspells. */
  private static final int TYPO_EDITS = 3;

  private KeySuggestion() {}

  /**
   * The key of {@code known}, or the map of {@code maps}, that {@code key} most likely misspells:
   * the nearest within {@link #TYPO_EDITS} edits (insertions, deletions, substitutions), a map's
   * entries compared by the map's name (their own names are the user's); null when none is that
   * near. On a tie, the first in {@code known} then {@code maps} order.
   */
  static String closest(String key, Collection<String> known, Collection<String> maps) {
    LevenshteinDistance distance = new LevenshteinDistance(TYPO_EDITS);
    List<String> candidates = new ArrayList<>(known);
    candidates.addAll(maps);
    String closest = null;
    int best = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = edits(distance.apply(key, candidate));
      if (maps.contains(candidate)) {
        d = Math.min(d, edits(distanceOfMapPart(distance, key, candidate)));
      }
      if (d < best) {
        best = d;
        closest = candidate;
      }
    }
    return closest;
  }

  /** A distance, with "further than the threshold" (-1) as the largest. */
  private static int edits(int distance) {
    return distance < 0 ? Integer.MAX_VALUE : distance;
  }

  /**
   * The distance from {@code map} of the part of {@code key} that would name a map, for a key with
   * an entry after it ({@code map.entry}); -1 for a key without.
   */
  private static int distanceOfMapPart(LevenshteinDistance distance, String key, String map) {
    int segments = map.split("\\.").length;
    String[] parts = key.split("\\.");
    if (parts.length <= segments) {
      return -1;
    }
    return distance.apply(String.join(".", List.of(parts).subList(0, segments)), map);
  }
}
