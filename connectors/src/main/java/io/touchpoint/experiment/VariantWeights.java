package io.touchpoint.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weights of an experiment split's variants in whole percent, as the analyst types them in one field:
 * {@code A=45,B=45,control=10}. They add up to 100 and include {@value #CONTROL}, the variant the others are
 * compared with. A contact's bucket (0 to 9,999) picks a variant by the weights' running sums in the order given.
 */
public record VariantWeights(Map<String, Integer> percent) {

  public static final String CONTROL = "control";
  private static final String ENTRY_FORMAT = "\\s*([A-Za-z0-9][A-Za-z0-9._:-]{0,49})\\s*=\\s*(\\d{1,3})\\s*";
  /** What the field must look like: variants (letters, digits, . _ : -) and weights, comma separated. */
  public static final String FORMAT = "\\s*[A-Za-z0-9][A-Za-z0-9._:-]{0,49}\\s*=\\s*\\d{1,3}\\s*"
      + "(?:,\\s*[A-Za-z0-9][A-Za-z0-9._:-]{0,49}\\s*=\\s*\\d{1,3}\\s*)*";
  private static final Pattern ENTRY = Pattern.compile(ENTRY_FORMAT);

  public VariantWeights {
    percent = Collections.unmodifiableMap(new LinkedHashMap<>(percent));
  }

  /**
   * @throws IllegalArgumentException with a sentence saying what is wrong: an entry not like {@code A=45}, a
   *                                  variant twice, a weight of 0, no {@code control}, or a sum other than 100
   */
  public static VariantWeights parse(String text) {
    Map<String, Integer> percent = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      Matcher matcher = ENTRY.matcher(entry);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("'" + entry.trim() + "' is not a variant and its weight in percent, "
            + "such as A=45");
      }
      int weight = Integer.parseInt(matcher.group(2));
      if (weight == 0) {
        throw new IllegalArgumentException("variant '" + matcher.group(1) + "' has weight 0; leave it out instead");
      }
      if (percent.put(matcher.group(1), weight) != null) {
        throw new IllegalArgumentException("variant '" + matcher.group(1) + "' is weighted twice");
      }
    }
    if (!percent.containsKey(CONTROL)) {
      throw new IllegalArgumentException("there is no '" + CONTROL + "' variant to compare the others with");
    }
    int sum = percent.values().stream().mapToInt(Integer::intValue).sum();
    if (sum != 100) {
      throw new IllegalArgumentException("the weights add up to " + sum + ", not 100");
    }
    return new VariantWeights(percent);
  }

  /** The variant of a bucket between 0 and {@value StickyBuckets#BUCKETS} (exclusive). */
  public String variantOf(int bucket) {
    int upTo = 0;
    String last = null;
    for (Map.Entry<String, Integer> weight : percent.entrySet()) {
      upTo += weight.getValue() * (StickyBuckets.BUCKETS / 100);
      last = weight.getKey();
      if (bucket < upTo) {
        break;
      }
    }
    return last;
  }
}
