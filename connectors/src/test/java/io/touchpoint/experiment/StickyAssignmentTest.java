package io.touchpoint.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StickyAssignmentTest {

  @Test
  void theSameContactAlwaysGetsTheSameBucket() {
    assertThat(StickyBuckets.bucket("promo", "u-42")).isEqualTo(StickyBuckets.bucket("promo", "u-42"))
        .isBetween(0, StickyBuckets.BUCKETS - 1);
  }

  @Test
  void contactsAreSpreadByTheWeights() {
    VariantWeights weights = VariantWeights.parse("A=45, B=45, control=10");
    Map<String, Integer> counts = new HashMap<>();
    int contacts = 100_000;
    for (int i = 0; i < contacts; i++) {
      counts.merge(weights.variantOf(StickyBuckets.bucket("promo", "u-" + i)), 1, Integer::sum);
    }
    // 5 standard deviations of a binomial share: fails only if the hash is biased
    assertThat(counts.get("A") / (double) contacts).isCloseTo(0.45, within(0.008));
    assertThat(counts.get("B") / (double) contacts).isCloseTo(0.45, within(0.008));
    assertThat(counts.get("control") / (double) contacts).isCloseTo(0.10, within(0.005));
  }

  @Test
  void twoExperimentsAssignIndependently() {
    VariantWeights halves = VariantWeights.parse("A=50,control=50");
    int same = 0;
    int contacts = 20_000;
    for (int i = 0; i < contacts; i++) {
      String contact = "u-" + i;
      if (halves.variantOf(StickyBuckets.bucket("first", contact))
          .equals(halves.variantOf(StickyBuckets.bucket("second", contact)))) {
        same++;
      }
    }
    assertThat(same / (double) contacts).isCloseTo(0.5, within(0.02));
  }

  @Test
  void theLastBucketFallsToTheLastVariant() {
    VariantWeights weights = VariantWeights.parse("A=1,control=99");
    assertThat(weights.variantOf(0)).isEqualTo("A");
    assertThat(weights.variantOf(99)).isEqualTo("A");
    assertThat(weights.variantOf(100)).isEqualTo("control");
    assertThat(weights.variantOf(StickyBuckets.BUCKETS - 1)).isEqualTo("control");
  }
}
