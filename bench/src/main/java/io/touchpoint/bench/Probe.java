package io.touchpoint.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Timestamps of one measured batch of journeys, indexed by journey number. Journeys are told apart
 * by their business key (the contact id, {@code <prefix>-<n>}) and, at the fake provider, by their
 * phone number ({@code +1555} followed by seven digits, {@code phoneBase + n}; on WhatsApp with the
 * {@code whatsapp:} prefix); on push, by the device token {@code bench-device-<business key>}
 * ({@link FakeFcm#token}).
 */
final class Probe {

  private static final long ORIGIN = System.nanoTime();
  private static final String WHATSAPP_PREFIX = "whatsapp:";
  private static volatile Probe current;

  final String prefix;
  final int count;
  final int phoneBase;
  final ExecutorService callbacks;
  private final AtomicLongArray started;
  private final AtomicLongArray accepted;
  private final AtomicLongArray sent;
  private final AtomicLongArray callbackSent;
  private final AtomicLongArray callbackAnswered;
  private final AtomicLongArray done;
  private final CountDownLatch allDone;
  private final AtomicInteger sends = new AtomicInteger();
  private final AtomicInteger repeatedSends = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

  Probe(String prefix, int count, int phoneBase, ExecutorService callbacks) {
    this.prefix = prefix;
    this.count = count;
    this.phoneBase = phoneBase;
    this.callbacks = callbacks;
    this.started = new AtomicLongArray(count);
    this.accepted = new AtomicLongArray(count);
    this.sent = new AtomicLongArray(count);
    this.callbackSent = new AtomicLongArray(count);
    this.callbackAnswered = new AtomicLongArray(count);
    this.done = new AtomicLongArray(count);
    this.allDone = new CountDownLatch(count);
  }

  static Probe current() {
    return current;
  }

  static void install(Probe probe) {
    current = probe;
  }

  static long now() {
    return System.nanoTime() - ORIGIN + 1;
  }

  String key(int n) {
    return prefix + "-" + n;
  }

  String phone(int n) {
    return "+1555" + String.format("%07d", phoneBase + n);
  }

  /** The journey number of a business key of this batch, or -1. */
  int indexOfKey(String businessKey) {
    if (businessKey == null || !businessKey.startsWith(prefix + "-")) {
      return -1;
    }
    return checked(Integer.parseInt(businessKey.substring(prefix.length() + 1)));
  }

  /** The journey number of a phone number of this batch, or -1; a WhatsApp address's {@code whatsapp:} prefix is ignored. */
  int indexOfPhone(String phone) {
    if (phone != null && phone.startsWith(WHATSAPP_PREFIX)) {
      phone = phone.substring(WHATSAPP_PREFIX.length());
    }
    if (phone == null || !phone.startsWith("+1555") || phone.length() != 12) {
      return -1;
    }
    return checked(Integer.parseInt(phone.substring(5)) - phoneBase);
  }

  private int checked(int n) {
    return n >= 0 && n < count ? n : -1;
  }

  void started(int n) {
    started.compareAndSet(n, 0, now());
  }

  /** The start call (event accepted, instance started) returned. */
  void accepted(int n) {
    accepted.compareAndSet(n, 0, now());
  }

  /** The provider got journey n's message; a second request for the same journey is counted as a repeat. */
  void sent(int n) {
    if (n >= 0) {
      if (sent.compareAndSet(n, 0, now())) {
        sends.incrementAndGet();
      } else {
        repeatedSends.incrementAndGet();
      }
    }
  }

  /** Journeys whose message reached the provider so far. */
  int sendCount() {
    return sends.get();
  }

  /** Requests for a journey whose message the provider had already received: a send made twice. */
  int repeatedSends() {
    return repeatedSends.get();
  }

  /** When the provider got journey n's message ({@link #now()} scale), or 0. */
  long sentAt(int n) {
    return sent.get(n);
  }

  void callbackSent(int n) {
    callbackSent.compareAndSet(n, 0, now());
  }

  void callbackAnswered(int n) {
    callbackAnswered.compareAndSet(n, 0, now());
  }

  void done(int n) {
    if (n >= 0 && done.compareAndSet(n, 0, now())) {
      allDone.countDown();
    }
  }

  void failure(String what) {
    if (failures.size() < 1000) {
      failures.add(what);
    }
  }

  boolean await(long seconds) throws InterruptedException {
    return allDone.await(seconds, TimeUnit.SECONDS);
  }

  /** Journey numbers not done (yet). */
  List<Integer> missing() {
    List<Integer> missing = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      if (done.get(n) == 0) {
        missing.add(n);
      }
    }
    return missing;
  }

  Stats stats() {
    long first = Long.MAX_VALUE;
    long lastDone = 0;
    long lastSent = 0;
    long firstCallback = Long.MAX_VALUE;
    long lastCallbackAnswer = 0;
    int completed = 0;
    int starts = 0;
    long lastAccepted = 0;
    int sends = 0;
    int callbackCount = 0;
    List<Long> eventToSend = new ArrayList<>();
    List<Long> callbackToCorrelated = new ArrayList<>();
    List<Long> callbackAnswer = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      long s = started.get(n);
      if (s != 0) {
        first = Math.min(first, s);
      }
      long acc = accepted.get(n);
      if (acc != 0) {
        starts++;
        lastAccepted = Math.max(lastAccepted, acc);
      }
      long x = sent.get(n);
      if (x != 0) {
        sends++;
        lastSent = Math.max(lastSent, x);
        if (s != 0) {
          eventToSend.add(x - s);
        }
      }
      long c = callbackSent.get(n);
      long a = callbackAnswered.get(n);
      if (c != 0) {
        firstCallback = Math.min(firstCallback, c);
      }
      if (a != 0) {
        callbackCount++;
        lastCallbackAnswer = Math.max(lastCallbackAnswer, a);
        if (c != 0) {
          callbackAnswer.add(a - c);
        }
      }
      long d = done.get(n);
      if (d != 0) {
        completed++;
        lastDone = Math.max(lastDone, d);
        if (c != 0) {
          callbackToCorrelated.add(d - c);
        }
      }
    }
    return new Stats(count, completed, sends, callbackCount, rate(starts, first, lastAccepted),
        rate(completed, first, lastDone), rate(sends, first, lastSent),
        rate(callbackCount, firstCallback, lastCallbackAnswer),
        percentiles(eventToSend), percentiles(callbackAnswer), percentiles(callbackToCorrelated),
        List.copyOf(failures));
  }

  private static double rate(int events, long from, long to) {
    return events == 0 || to <= from ? 0 : events / ((to - from) / 1e9);
  }

  static double[] percentiles(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new double[] {at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6};
  }

  private static long at(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /**
   * Figures of one batch; latencies in milliseconds as {p50, p99}: callbackAnswerMs from posting a callback to its
   * 2xx answer, callbackToCorrelatedMs from posting it to the journey's next step committed.
   */
  record Stats(int journeys, int completed, int sends, int callbacks, double startsPerSecond, double journeysPerSecond,
      double sendsPerSecond, double callbacksPerSecond, double[] eventToSendMs, double[] callbackAnswerMs,
      double[] callbackToCorrelatedMs, List<String> failures) {
  }
}
