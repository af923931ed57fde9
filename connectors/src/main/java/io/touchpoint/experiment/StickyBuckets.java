package io.touchpoint.experiment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A contact's bucket in an experiment: a hash of the experiment's key and the contact's id, so the same contact
 * lands in the same bucket on every entry, in every version of the journey and on every node, and contacts are
 * spread evenly and independently of other experiments (each key hashes differently).
 */
public final class StickyBuckets {

  /** Buckets per experiment: weights in whole percent get 100 each. */
  public static final int BUCKETS = 10_000;

  private StickyBuckets() {
  }

  /** A number from 0 to {@link #BUCKETS} (exclusive). */
  public static int bucket(String experimentKey, String contactId) {
    try {
      // a length prefix, so ("ab", "c") and ("a", "bc") hash differently
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (experimentKey.length() + ":" + experimentKey + ":" + contactId).getBytes(StandardCharsets.UTF_8));
      return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), BUCKETS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The holdout of a journey is an experiment of its own, keyed by the journey. */
  public static boolean heldOut(String journeyKey, int holdoutPercent, String contactId) {
    return bucket("holdout:" + journeyKey, contactId) < holdoutPercent * (BUCKETS / 100);
  }
}
