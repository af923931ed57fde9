package io.touchpoint.bench;

import io.touchpoint.bench.BenchDatabases.Db;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.RuntimeService;

/**
 * The benchmark of issue 14 ("Delivery at scale") in one command, {@code --suite issue14}: P1 overhead against bare
 * Camunda, P3 latency hiding, P4 status callbacks, campaign intake and a launch on one and on two nodes, each as
 * figures of one run with their goals. See docs/performance.md.
 */
final class DeliveryAtScale {

  private static final long P3_LATENCY_MS = 200;
  private static final int FAKE_THREADS = 200;
  private static final int CALLBACK_THREADS = 8;
  /** A wait gives up when no journey of the batch was sent for this long. */
  private static final Duration STALL = Duration.ofSeconds(90);

  /** @param overrides Spring properties given to every Touchpoint node, e.g. to try another setting */
  private record Options(List<String> parts, int p1Journeys, int p1Warmup, int p1Rounds, int p3Journeys,
      int batchEvents, int launchContacts, int topStatements, Map<String, Object> overrides) {
  }

  /** One figure of the report: what, how much, its goal and whether it met it. */
  private record Figure(String name, String value, String goal, String met) {
  }

  private final Options options;
  private final BenchDatabases databases;
  private final LaunchClient client = new LaunchClient();
  private final List<Figure> figures = new ArrayList<>();
  /** Phone numbers of earlier batches are never reused, so a late send of one batch is never counted for another. */
  private int nextPhoneBase;

  private DeliveryAtScale(Options options) {
    this.options = options;
    this.databases = new BenchDatabases(options.topStatements() > 0);
  }

  /** @return the exit status: 0 when every part ran to its end (goals missed are reported, not failed) */
  static int main(String[] args) throws Exception {
    Options options = parse(args);
    return new DeliveryAtScale(options).run();
  }

  private int run() throws Exception {
    long began = System.nanoTime();
    System.out.printf(Locale.ROOT, "Touchpoint delivery-at-scale suite (issue 14): parts %s, overrides %s, %d cores,"
            + " Java %s, load average at start %s%n", options.parts(), options.overrides(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), loadAverage());
    boolean complete = true;
    try (databases) {
      if (options.parts().contains("p1")) {
        complete &= withTopStatements(this::overhead);
      }
      if (options.parts().contains("p3") || options.parts().contains("p4")) {
        complete &= withTopStatements(this::latencyHidingAndCallbacks);
      }
      if (options.parts().contains("intake")) {
        complete &= withTopStatements(this::batchIntake);
      }
      if (options.parts().contains("launch")) {
        complete &= withTopStatements(this::launches);
      }
    }
    report(Duration.ofNanos(System.nanoTime() - began));
    return complete ? 0 : 1;
  }

  /** Runs a part; with --statements, then prints the statements PostgreSQL spent most time on in it. */
  private boolean withTopStatements(Callable<Boolean> part) throws Exception {
    databases.resetStatements();
    boolean complete = part.call();
    databases.printTopStatements(options.topStatements());
    return complete;
  }

  /** P1: bare Camunda vs Touchpoint SMS, same shape, on H2 and PostgreSQL. */
  private boolean overhead() throws Exception {
    section("P1 overhead vs bare Camunda (" + options.p1Rounds() + " rounds of " + options.p1Journeys()
        + " journeys per variant; figures are the rounds' medians)");
    Map<Db, JourneyBenchmark.Overhead> overheads = JourneyBenchmark.overhead(databases, List.of(Db.H2, Db.POSTGRES),
        options.p1Journeys(), options.p1Warmup(), options.p1Rounds());
    overheads.forEach((db, overhead) -> {
      figures.add(new Figure("P1 journeys/s touchpoint / bare, " + lower(db),
          format("%.2f", overhead.journeysRatio()), ">= 0.9", met(overhead.journeysRatio() >= 0.9)));
      figures.add(new Figure("P1 each round's journeys/s ratio, " + lower(db), overhead.roundRatios(), "-", "-"));
      figures.add(new Figure("P1 CPU ms per journey bare / touchpoint (stand-ins), " + lower(db),
          format("%.1f / %.1f (%.1f)", overhead.bareCpuMsPerJourney(), overhead.touchpointCpuMsPerJourney(),
              overhead.standInCpuMsPerJourney()), "-", "-"));
      figures.add(new Figure("P1 CPU bare / touchpoint, stand-ins left out, " + lower(db),
          format("%.2f", overhead.ownCpuRatio()), "-", "-"));
    });
    return overheads.values().stream().noneMatch(overhead -> Double.isNaN(overhead.journeysRatio()));
  }

  /**
   * P3: the same campaign (one batch of events) with the provider answering at once and after 200 ms, each on a
   * fresh node and database; P4: status callbacks for the journeys of the 0 ms run, once all of them wait.
   */
  private boolean latencyHidingAndCallbacks() throws Exception {
    // contexts share the JVM's compiled code, so a later run is favoured: a throwaway campaign compiles the
    // launch and send paths first, then the slow provider goes first, so the ratio owes nothing to the order
    section("P3 JIT warm-up: a throwaway campaign, not measured");
    campaign(0, options.p3Journeys() / 3, false);
    Sends slow = campaign(P3_LATENCY_MS, options.p3Journeys(), false);
    Sends instant = campaign(0, options.p3Journeys(), options.parts().contains("p4"));
    if (instant == null || slow == null) {
      return false;
    }
    double ratio = slow.perSecond() / instant.perSecond();
    figures.add(new Figure("P3 sends/s, provider at 0 ms", format("%.1f", instant.perSecond()), "-", "-"));
    figures.add(new Figure("P3 sends/s, provider at 200 ms", format("%.1f", slow.perSecond()), ">= 150",
        met(slow.perSecond() >= 150)));
    figures.add(new Figure("P3 ratio sends/s 200 ms / 0 ms", format("%.2f", ratio), ">= 0.8", met(ratio >= 0.8)));
    figures.add(new Figure("P3 steady sends/s (10th-90th percentile send), 0 ms / 200 ms",
        format("%.1f / %.1f", instant.steadyPerSecond(), slow.steadyPerSecond()), "-", "-"));
    figures.add(new Figure("P3 CPU ms per send (JVM + PostgreSQL), 0 ms / 200 ms",
        format("%.1f / %.1f", instant.cpuMsPerSend(), slow.cpuMsPerSend()), "-", "-"));
    figures.add(new Figure("P3 of it the fake provider's, 0 ms / 200 ms",
        format("%.1f / %.1f", instant.fakeCpuMsPerSend(), slow.fakeCpuMsPerSend()), "-", "-"));
    figures.add(new Figure("P3 sends/s that CPU cost allows on idle cores, 200 ms",
        format("%.0f", slow.idleMachinePerSecond()), ">= 150", met(slow.idleMachinePerSecond() >= 150)));
    figures.add(new Figure("P3 event posted -> provider called p50/p99 ms, 200 ms",
        format("%.0f / %.0f", slow.eventToSendMs()[0], slow.eventToSendMs()[1]), "-", "-"));
    return true;
  }

  /**
   * What one campaign's sends came to; cpuMsPerSend is the CPU time the JVM (Touchpoint, and the fake provider) and
   * PostgreSQL used per send, from the post until the last send, fakeCpuMsPerSend the fake provider's part of it.
   */
  private record Sends(double perSecond, double steadyPerSecond, double[] eventToSendMs, double cpuMsPerSend,
      double fakeCpuMsPerSend) {

    /** Sends/s the same CPU cost allows on all cores of this machine, had it nothing else to do. */
    double idleMachinePerSecond() {
      return Runtime.getRuntime().availableProcessors() * 1000 / cpuMsPerSend;
    }
  }

  private Sends campaign(long latencyMs, int journeys, boolean thenCallbacks) throws Exception {
    section(format("P3 campaign of %d journeys, provider latency %d ms, one node, PostgreSQL", journeys, latencyMs));
    AtomicReferenceArray<FakeTwilio.Accepted> accepted = new AtomicReferenceArray<>(journeys);
    Probe[] measured = new Probe[1];
    try (FakeTwilio twilio = new FakeTwilio(latencyMs, FAKE_THREADS, message -> {
      Probe probe = Probe.current();
      if (probe != null && probe == measured[0]) {
        int n = probe.indexOfPhone(message.to());
        if (n >= 0) {
          accepted.compareAndSet(n, null, message);
        }
      }
    });
        TouchpointNode node = TouchpointNode.start("p3-" + latencyMs + "-" + journeys,
            database("bench_p3_" + latencyMs + "_" + journeys), twilio.baseUrl()).deploySmsJourney()) {
      ExecutorService callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS);
      try {
        Probe warm = probe("p3w" + latencyMs + "-" + journeys, Math.max(100, journeys / 10), callbacks);
        client.batch(node.baseUrl(), warm, 0, warm.count);
        if (!awaitSends(warm, warm.count)) {
          return null;
        }
        node.analyze();
        Probe probe = probe("p3m" + latencyMs + "-" + journeys, journeys, callbacks);
        measured[0] = probe;
        long posted = Probe.now();
        long cpuAtPost = CpuMeter.cpuMillis(databases.postgresPort());
        long fakeCpuAtPost = CpuMeter.threadsCpuMillis(FakeTwilio::ownsThread);
        for (int n = 0; n < journeys; n++) {
          probe.started(n);
        }
        client.batch(node.baseUrl(), probe, 0, journeys);
        long answered = Probe.now();
        System.out.printf(Locale.ROOT, "   batch of %d answered 202 in %d ms%n", journeys, (answered - posted) / 1_000_000);
        if (!awaitSends(probe, journeys)) {
          return null;
        }
        Sends sends = sends(probe, posted, CpuMeter.cpuMillis(databases.postgresPort()) - cpuAtPost,
            CpuMeter.threadsCpuMillis(FakeTwilio::ownsThread) - fakeCpuAtPost);
        System.out.printf(Locale.ROOT, "   %d sends, %.1f sends/s (steady %.1f), event->send p50/p99 %.0f / %.0f ms,"
                + " CPU %.1f ms per send (fake provider %.1f), sent twice: %d%n", probe.sendCount(), sends.perSecond(),
            sends.steadyPerSecond(), sends.eventToSendMs()[0], sends.eventToSendMs()[1], sends.cpuMsPerSend(),
            sends.fakeCpuMsPerSend(), probe.repeatedSends());
        if (probe.repeatedSends() > 0 || warm.repeatedSends() > 0) {
          figures.add(new Figure("sent twice, provider at " + latencyMs + " ms",
              String.valueOf(probe.repeatedSends() + warm.repeatedSends()), "0", "MISSED"));
        }
        if (thenCallbacks && !callbacks(node, probe, accepted)) {
          return null;
        }
        return sends;
      } finally {
        callbacks.shutdownNow();
      }
    }
  }

  /** P4: one delivered callback per waiting journey, posted by {@value #CALLBACK_THREADS} threads at once. */
  private boolean callbacks(TouchpointNode node, Probe probe, AtomicReferenceArray<FakeTwilio.Accepted> accepted)
      throws Exception {
    section(format("P4 %d delivered status callbacks, %d posting threads", probe.count, CALLBACK_THREADS));
    RuntimeService runtime = node.context().getBean(RuntimeService.class);
    // every journey has its answer recorded and waits at the status gateway
    if (!waitUntil(() -> runtime.createExecutionQuery().processDefinitionKey("bench-touchpoint").activityId("Send")
        .count() == 0, Duration.ofSeconds(120))) {
      System.out.println("   journeys still in their send task after 120 s");
      return false;
    }
    TouchpointSide.Callbacks poster = new TouchpointSide.Callbacks(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), node.baseUrl(),
        TouchpointSide.AUTH_TOKEN);
    for (int n = 0; n < probe.count; n++) {
      int journey = n;
      probe.callbacks.execute(() -> poster.report(probe, journey, accepted.get(journey)));
    }
    boolean done = probe.await(STALL.toSeconds() + probe.count / 20);
    Probe.Stats stats = probe.stats();
    System.out.printf(Locale.ROOT, "   %d/%d journeys moved on, %.1f callbacks/s, answer p50/p99 %.1f / %.1f ms,"
            + " callback -> journey moved p50/p99 %.1f / %.1f ms, %d failures%s%n", stats.completed(), stats.journeys(),
        stats.callbacksPerSecond(), stats.callbackAnswerMs()[0], stats.callbackAnswerMs()[1],
        stats.callbackToCorrelatedMs()[0], stats.callbackToCorrelatedMs()[1], stats.failures().size(),
        stats.failures().isEmpty() ? "" : ", first: " + stats.failures().get(0));
    figures.add(new Figure("P4 callbacks accepted/s", format("%.1f", stats.callbacksPerSecond()), "-", "-"));
    figures.add(new Figure("P4 callback answered p50/p99 ms",
        format("%.1f / %.1f", stats.callbackAnswerMs()[0], stats.callbackAnswerMs()[1]), "-", "-"));
    figures.add(new Figure("P4 callback -> journey moved p50/p99 ms",
        format("%.1f / %.1f", stats.callbackToCorrelatedMs()[0], stats.callbackToCorrelatedMs()[1]), "-", "-"));
    return done && stats.failures().isEmpty();
  }

  /** Intake: how long a full batch takes to be answered 202, on a node that has run a warm-up batch. */
  private boolean batchIntake() throws Exception {
    int events = options.batchEvents();
    section(format("Intake: one POST /api/events/batch of %d events, one node, PostgreSQL", events));
    try (FakeTwilio twilio = new FakeTwilio(0, FAKE_THREADS, message -> { });
        TouchpointNode node = TouchpointNode.start("intake", database("bench_intake"),
            twilio.baseUrl()).deploySmsJourney()) {
      Probe warm = probe("iw", 500, null);
      client.batch(node.baseUrl(), warm, 0, warm.count);
      if (!awaitSends(warm, warm.count)) {
        return false;
      }
      node.analyze();
      Probe probe = probe("im", events, null);
      long posted = System.nanoTime();
      String launchId = client.batch(node.baseUrl(), probe, 0, events);
      long ms = (System.nanoTime() - posted) / 1_000_000;
      System.out.printf(Locale.ROOT, "   answered 202 in %d ms (launch %s)%n", ms, launchId);
      figures.add(new Figure(format("Intake: %d-event batch answered", events), ms + " ms", "<= 2000 ms",
          met(ms <= 2000)));
      return true;
    }
  }

  /** A launch (NDJSON) on one node, then the same on two nodes sharing one PostgreSQL. */
  private boolean launches() throws Exception {
    Launch one = launch(1);
    Launch two = launch(2);
    if (one == null || two == null) {
      return false;
    }
    int contacts = options.launchContacts();
    figures.add(new Figure(format("Launch %d contacts: NDJSON upload answered 202, 1 / 2 nodes", contacts),
        format("%.1f s / %.1f s", one.answeredSeconds(), two.answeredSeconds()), "-", "-"));
    figures.add(new Figure(format("Launch %d contacts, 1 node: until done / all sent", contacts),
        format("%.0f s / %.0f s", one.doneSeconds(), one.sentSeconds()), "-", "-"));
    double million = one.sentSeconds() * 1_000_000 / contacts / 60;
    figures.add(new Figure("Launch extrapolated to 1 M contacts, 1 node", format("%.0f min", million),
        "1 M/hour (issue)", met(million <= 60)));
    figures.add(new Figure(format("Launch %d contacts, 2 nodes: until done / all sent", contacts),
        format("%.0f s / %.0f s", two.doneSeconds(), two.sentSeconds()), "-", "-"));
    figures.add(new Figure("Launch sends/s, 1 node / 2 nodes",
        format("%.1f / %.1f", one.sendsPerSecond(), two.sendsPerSecond()), "-", "-"));
    figures.add(new Figure("Launch CPU ms per send (JVM + PostgreSQL), 1 node / 2 nodes",
        format("%.1f / %.1f", one.cpuMsPerSend(), two.cpuMsPerSend()), "-", "-"));
    figures.add(new Figure("Scaling ratio 2 nodes / 1 node (sends/s)",
        format("%.2f", two.sendsPerSecond() / one.sendsPerSecond()), "-", "-"));
    return true;
  }

  /** One launch's figures, from the upload's first byte. */
  private record Launch(double answeredSeconds, double doneSeconds, double sentSeconds, double sendsPerSecond,
      double cpuMsPerSend) {
  }

  private Launch launch(int nodes) throws Exception {
    int contacts = options.launchContacts();
    section(format("Launch: %d contacts as NDJSON (POST /api/launches), %d node(s) on one PostgreSQL", contacts,
        nodes));
    Map<String, Object> database = database("bench_launch_" + nodes);
    List<TouchpointNode> cluster = new ArrayList<>();
    try (FakeTwilio twilio = new FakeTwilio(0, FAKE_THREADS, message -> { })) {
      // one after the other: the first creates the schema
      for (int i = 1; i <= nodes; i++) {
        cluster.add(TouchpointNode.start("launch" + nodes + "-node" + i, database, twilio.baseUrl()));
      }
      TouchpointNode first = cluster.get(0).deploySmsJourney();
      Probe warm = probe("lw" + nodes, 200 * nodes, null);
      client.batch(first.baseUrl(), warm, 0, warm.count);
      if (!awaitSends(warm, warm.count)) {
        return null;
      }
      first.analyze();
      Probe probe = probe("lm" + nodes, contacts, null);
      long posted = Probe.now();
      long cpuAtPost = CpuMeter.cpuMillis(databases.postgresPort());
      String launchId = client.upload(first.baseUrl(), probe);
      double answered = seconds(posted, Probe.now());
      System.out.printf(Locale.ROOT, "   upload answered 202 after %.1f s (launch %s)%n", answered, launchId);
      long[] doneAt = new long[1];
      Check progress = () -> {
        if (doneAt[0] == 0) {
          LaunchClient.Progress now = client.progress(first.baseUrl(), launchId);
          if (now.done()) {
            doneAt[0] = Probe.now();
            System.out.printf(Locale.ROOT, "   GET /api/launches/%s: done after %.1f s (started %d, skipped %d,"
                + " failed %d)%n", launchId, seconds(posted, doneAt[0]), now.started(), now.skipped(), now.failed());
          }
        }
      };
      if (!awaitSends(probe, contacts, progress)) {
        return null;
      }
      // every journey has sent; the launch's last chunk is recorded just after its last event started
      long deadline = System.nanoTime() + STALL.toNanos();
      while (doneAt[0] == 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        progress.run();
      }
      if (doneAt[0] == 0) {
        System.out.println("   all sent, but the launch is not done");
        return null;
      }
      double sentSeconds = seconds(posted, lastSent(probe));
      double cpuMsPerSend = (double) (CpuMeter.cpuMillis(databases.postgresPort()) - cpuAtPost) / contacts;
      Launch launch = new Launch(answered, seconds(posted, doneAt[0]), sentSeconds, contacts / sentSeconds,
          cpuMsPerSend);
      System.out.printf(Locale.ROOT, "   all %d sent after %.1f s: %.1f sends/s, CPU %.1f ms per send; sent twice:"
          + " %d%n", contacts, sentSeconds, launch.sendsPerSecond(), cpuMsPerSend, probe.repeatedSends());
      if (probe.repeatedSends() > 0) {
        figures.add(new Figure("sent twice, launch on " + nodes + " node(s)", String.valueOf(probe.repeatedSends()),
            "0", "MISSED"));
      }
      return launch;
    } finally {
      // the later nodes first: the first one holds no more than they do
      for (int i = cluster.size() - 1; i >= 0; i--) {
        cluster.get(i).close();
      }
    }
  }

  /** A new PostgreSQL database, with the overrides of the command line for the node(s) on it. */
  private Map<String, Object> database(String name) throws Exception {
    Map<String, Object> properties = databases.properties(Db.POSTGRES, name, "");
    properties.putAll(options.overrides());
    return properties;
  }

  private Probe probe(String prefix, int count, ExecutorService callbacks) {
    Probe probe = new Probe(prefix, count, nextPhoneBase, callbacks);
    nextPhoneBase += count;
    Probe.install(probe);
    return probe;
  }

  private static Sends sends(Probe probe, long posted, long cpuMillis, long fakeCpuMillis) {
    long[] at = new long[probe.count];
    List<Long> eventToSend = new ArrayList<>();
    for (int n = 0; n < probe.count; n++) {
      at[n] = probe.sentAt(n);
      eventToSend.add(at[n] - posted);
    }
    Arrays.sort(at);
    double overall = probe.count / ((at[at.length - 1] - posted) / 1e9);
    int p10 = at.length / 10;
    int p90 = at.length * 9 / 10;
    double steady = (p90 - p10) / ((at[p90] - at[p10]) / 1e9);
    return new Sends(overall, steady, Probe.percentiles(eventToSend), (double) cpuMillis / probe.count,
        (double) fakeCpuMillis / probe.count);
  }

  private static long lastSent(Probe probe) {
    long last = 0;
    for (int n = 0; n < probe.count; n++) {
      last = Math.max(last, probe.sentAt(n));
    }
    return last;
  }

  private interface Check {
    void run() throws Exception;
  }

  private static boolean awaitSends(Probe probe, int expected) throws Exception {
    return awaitSends(probe, expected, () -> { });
  }

  /** Waits until the provider got {@code expected} journeys' messages, as long as sends keep coming. */
  private static boolean awaitSends(Probe probe, int expected, Check meanwhile) throws Exception {
    int seen = -1;
    long progressAt = System.nanoTime();
    long reportedAt = System.nanoTime();
    while (probe.sendCount() < expected) {
      meanwhile.run();
      int now = probe.sendCount();
      if (System.nanoTime() - reportedAt > 15_000_000_000L) {
        reportedAt = System.nanoTime();
        System.out.printf(Locale.ROOT, "   ... %d of %d sent, load average %s%n", now, expected, loadAverage());
      }
      if (now != seen) {
        seen = now;
        progressAt = System.nanoTime();
      } else if (System.nanoTime() - progressAt > STALL.toNanos()) {
        System.out.printf("   only %d of %d journeys sent; none for %d s%n", now, expected, STALL.toSeconds());
        return false;
      }
      Thread.sleep(200);
    }
    meanwhile.run();
    return true;
  }

  private static boolean waitUntil(BooleanSupplier condition, Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(200);
    }
    return true;
  }

  private void report(Duration took) {
    System.out.println();
    System.out.printf(Locale.ROOT, "=== Delivery at scale (issue 14): figures of this run, %d s, load average at end"
        + " %s ===%n", took.toSeconds(), loadAverage());
    String format = "%-62s %-22s %-18s %s%n";
    System.out.printf(Locale.ROOT, format, "figure", "value", "goal", "");
    System.out.println("-".repeat(110));
    for (Figure figure : figures) {
      System.out.printf(Locale.ROOT, format, figure.name(), figure.value(), figure.goal(), figure.met());
    }
  }

  private static void section(String title) {
    System.out.printf(Locale.ROOT, "%n== %s ==%n", title);
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (Exception unavailable) {
      return "unknown";
    }
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }

  private static String met(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static String format(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static Options parse(String[] args) {
    List<String> parts = List.of("p1", "p3", "p4", "intake", "launch");
    int p1Journeys = 1000;
    int p1Warmup = 200;
    int p1Rounds = 3;
    int p3Journeys = 3000;
    int batchEvents = 10_000;
    int launchContacts = 3_000;
    int topStatements = 0;
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : "");
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (option) {
        case "--suite" -> {
          if (!"issue14".equals(value)) {
            usage();
          }
        }
        case "--parts" -> parts = Arrays.stream(value.toLowerCase(Locale.ROOT).split(",")).map(String::trim).toList();
        case "--journeys" -> p1Journeys = Integer.parseInt(value);
        case "--warmup" -> p1Warmup = Integer.parseInt(value);
        case "--rounds" -> p1Rounds = Integer.parseInt(value);
        case "--p3-journeys" -> p3Journeys = Integer.parseInt(value);
        case "--batch-events" -> batchEvents = Integer.parseInt(value);
        case "--launch-contacts" -> launchContacts = Integer.parseInt(value);
        case "--statements" -> topStatements = Integer.parseInt(value);
        case "--set" -> {
          if (!value.contains("=")) {
            usage();
          }
          overrides.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
        }
        default -> usage();
      }
    }
    return new Options(parts, p1Journeys, p1Warmup, p1Rounds, p3Journeys, batchEvents, launchContacts, topStatements,
        Map.copyOf(overrides));
  }

  private static void usage() {
    System.err.println("""
        usage: java -jar bench/target/touchpoint-bench.jar --suite issue14 [--parts p1,p3,p4,intake,launch]
               [--journeys N (P1, 1000)] [--warmup N (P1, 200)] [--rounds N (P1, 3)] [--p3-journeys N (3000)]
               [--batch-events N (10000)] [--launch-contacts N (3000)]
               [--statements N (after each part, PostgreSQL's N most costly statements; 0, off)]
               [--set property=value (to every Touchpoint node of P3, P4, intake, launch; repeatable)]""");
    System.exit(2);
  }
}
