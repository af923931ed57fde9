package io.touchpoint.bench;

import io.touchpoint.bench.BenchDatabases.Db;
import io.touchpoint.channel.push.PushConnector;
import io.touchpoint.channel.sms.SmsConnector;
import io.touchpoint.channel.whatsapp.WhatsAppConnector;
import io.touchpoint.trigger.Contact;
import io.touchpoint.trigger.EventResult;
import io.touchpoint.trigger.EventService;
import io.touchpoint.trigger.JourneyEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one journey shape on bare Camunda (A) and through Touchpoint (B, per channel: SMS, WhatsApp
 * and/or push), on H2 and on PostgreSQL, in one JVM, and prints journeys/s, sends/s, callbacks/s,
 * p50/p99 latencies and the ratio Touchpoint / bare per database and channel. See bench/README.md.
 */
public final class JourneyBenchmark {

  private enum Variant { BARE, TOUCHPOINT }

  private enum Events { INPROCESS, HTTP }

  /**
   * The Touchpoint journey's channel. Bare Camunda has none for the status shape (its no-op task stands
   * for any send); the webhook journey has no status wait, so it has a bare run of its own shape.
   */
  private enum Channel { SMS, WHATSAPP, PUSH, WEBHOOK }

  private record Options(List<Db> dbs, List<Channel> channels, int journeys, int warmup, long providerLatencyMs,
      int clients, int jobThreads, int callbackThreads, Events events, long timeoutSeconds) {
  }

  /**
   * One variant's measured batch; channel null for bare Camunda. cpuMsPerJourney is what this JVM and PostgreSQL
   * used per journey while it ran; standInCpuMsPerJourney the part of it the benchmark's stand-ins for the outside
   * world used (the fake provider, the status callback poster; see {@link #standIns}), which a real deployment does
   * not run.
   */
  record Run(Variant variant, Channel channel, Probe.Stats stats, long heapAfterMb, double cpuMsPerJourney,
      double standInCpuMsPerJourney) {

    /** CPU per journey of the engine and, for Touchpoint, the plugin: the stand-ins' share taken out. */
    double ownCpuMsPerJourney() {
      return cpuMsPerJourney - standInCpuMsPerJourney;
    }

    String channelName() {
      return channel == null ? "-" : lower(channel);
    }
  }

  /** Starts journey n of a batch. */
  private interface Starter {
    void start(Probe probe, int n) throws Exception;
  }

  private final Options options;
  private ConfigurableApplicationContext touchpointContext;
  private final BenchDatabases databases;

  private JourneyBenchmark(Options options, BenchDatabases databases) {
    this.options = options;
    this.databases = databases;
  }

  public static void main(String[] args) throws Exception {
    if (Arrays.stream(args).anyMatch(arg -> arg.startsWith("--analytics"))) {
      AnalyticsBenchmark.main(args);
      return;
    }
    if (Arrays.stream(args).anyMatch(arg -> arg.startsWith("--suite"))) {
      System.exit(DeliveryAtScale.main(args));
    }
    Options options = parse(args);
    int status = new JourneyBenchmark(options, new BenchDatabases()).run();
    System.exit(status);
  }

  /** One round of P1 on one database: bare Camunda and Touchpoint, one after the other. */
  record Pair(Run bare, Run touchpoint) {

    boolean complete() {
      return bare.stats().completed() == bare.stats().journeys()
          && touchpoint.stats().completed() == touchpoint.stats().journeys();
    }

    double journeysRatio() {
      return touchpoint.stats().journeysPerSecond() / bare.stats().journeysPerSecond();
    }

    /** Bare Camunda's CPU per journey over Touchpoint's, the benchmark's stand-ins left out. */
    double ownCpuRatio() {
      return bare.ownCpuMsPerJourney() / touchpoint.ownCpuMsPerJourney();
    }
  }

  /**
   * P1 of one database over several rounds: each figure is the median of the rounds', so that a phase of the host
   * that slows one variant's run does not decide the ratio (one pair of 500 journeys on H2 gave 1.02, 0.76 and 0.70
   * in three runs of the same code). Journeys/s is NaN when a variant did not finish in some round.
   */
  record Overhead(List<Pair> rounds) {

    double journeysRatio() {
      return rounds.stream().allMatch(Pair::complete) ? median(Pair::journeysRatio) : Double.NaN;
    }

    double ownCpuRatio() {
      return median(Pair::ownCpuRatio);
    }

    double bareCpuMsPerJourney() {
      return median(pair -> pair.bare().cpuMsPerJourney());
    }

    double touchpointCpuMsPerJourney() {
      return median(pair -> pair.touchpoint().cpuMsPerJourney());
    }

    double standInCpuMsPerJourney() {
      return median(pair -> pair.touchpoint().standInCpuMsPerJourney());
    }

    /** Each round's journeys/s ratio, in the order they ran. */
    String roundRatios() {
      return rounds.stream().map(pair -> String.format(Locale.ROOT, "%.2f", pair.journeysRatio()))
          .collect(Collectors.joining(" / "));
    }

    private double median(ToDoubleFunction<Pair> figure) {
      double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
      int middle = values.length / 2;
      return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
  }

  /**
   * P1 of the delivery-at-scale suite: bare Camunda and Touchpoint SMS with the defaults of this benchmark, on the
   * suite's databases (left open), {@code rounds} pairs per database after a throwaway pair, each round's summary
   * printed. The order within a pair alternates, so that neither variant always runs on the JVM's later compiled code
   * or meets the host's next phase.
   */
  static Map<Db, Overhead> overhead(BenchDatabases databases, List<Db> dbs, int journeys, int warmup, int rounds)
      throws Exception {
    Options options = new Options(dbs, List.of(Channel.SMS), journeys, warmup, 0, 4, 8, 8, Events.INPROCESS, 60);
    JourneyBenchmark benchmark = new JourneyBenchmark(options, databases);
    // the JVM's first context runs on code not yet compiled: a throwaway pair compiles both variants' paths
    System.out.printf(Locale.ROOT, "%n-- P1 throwaway pair on %s, not counted --%n", lower(dbs.get(0)));
    benchmark.runVariant(Variant.BARE, null, dbs.get(0));
    benchmark.runVariant(Variant.TOUCHPOINT, Channel.SMS, dbs.get(0));
    Map<Db, Overhead> overheads = new LinkedHashMap<>();
    for (Db db : dbs) {
      List<Pair> pairs = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        boolean bareFirst = round % 2 == 1;
        System.out.printf(Locale.ROOT, "%n-- P1 round %d of %d on %s (%s first) --%n", round, rounds, lower(db),
            bareFirst ? "bare" : "touchpoint");
        Run first = bareFirst ? benchmark.runVariant(Variant.BARE, null, db)
            : benchmark.runVariant(Variant.TOUCHPOINT, Channel.SMS, db);
        Run second = bareFirst ? benchmark.runVariant(Variant.TOUCHPOINT, Channel.SMS, db)
            : benchmark.runVariant(Variant.BARE, null, db);
        Pair pair = bareFirst ? new Pair(first, second) : new Pair(second, first);
        benchmark.summary(Map.of(db, List.of(pair.bare(), pair.touchpoint())));
        pairs.add(pair);
      }
      overheads.put(db, new Overhead(pairs));
    }
    return overheads;
  }

  private int run() throws Exception {
    System.out.printf(Locale.ROOT, "Touchpoint benchmark: %d journeys per variant after %d warm-up, channels %s,"
            + " provider latency %d ms, %d starting clients, %d job threads, %d callback threads, events %s, %d cores,"
            + " Java %s%n",
        options.journeys(), options.warmup(), options.channels().stream().map(JourneyBenchmark::lower).toList(),
        options.providerLatencyMs(), options.clients(), options.jobThreads(), options.callbackThreads(),
        lower(options.events()), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    Map<Db, List<Run>> results;
    try (databases) {
      results = measure();
    }
    boolean complete = results.values().stream().flatMap(List::stream)
        .allMatch(run -> run.stats().completed() == run.stats().journeys());
    summary(results);
    return complete ? 0 : 1;
  }

  private Map<Db, List<Run>> measure() throws Exception {
    Map<Db, List<Run>> results = new LinkedHashMap<>();
    for (Db db : options.dbs()) {
      // bare Camunda once per database and journey shape: the baseline of the channels of that shape
      List<Run> runs = new ArrayList<>();
      runs.add(runVariant(Variant.BARE, null, db));
      if (options.channels().contains(Channel.WEBHOOK)) {
        runs.add(runVariant(Variant.BARE, Channel.WEBHOOK, db));
      }
      for (Channel channel : options.channels()) {
        runs.add(runVariant(Variant.TOUCHPOINT, channel, db));
      }
      results.put(db, runs);
    }
    return results;
  }

  private Run runVariant(Variant variant, Channel channel, Db db) throws Exception {
    String name = ("bench_" + variant + (channel == null || channel == Channel.SMS ? "" : "_" + channel) + "_" + db)
        .toLowerCase(Locale.ROOT);
    String title = lower(variant) + (channel == null ? "" : " " + lower(channel));
    System.out.printf(Locale.ROOT, "%n== %s on %s: starting ==%n", title, lower(db));
    Map<String, Object> properties = commonProperties(db, name);
    ExecutorService callbackPool = Executors.newFixedThreadPool(options.callbackThreads(), named("bench-callback"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    FakeTwilio fake = null;
    FakeFcm fcm = null;
    FakeCrm crm = null;
    TouchpointSide.Receipts receipts = null;
    ConfigurableApplicationContext context = null;
    try {
      Starter starter;
      if (variant == Variant.BARE) {
        properties.put("spring.autoconfigure.exclude", "io.touchpoint.autoconfigure.TouchpointAutoConfiguration");
        context = new SpringApplicationBuilder(BareCamunda.App.class).properties(properties)
            .web(WebApplicationType.NONE).run();
        boolean call = channel == Channel.WEBHOOK;
        String processKey = call ? BareCamunda.CALL_PROCESS_KEY : BareCamunda.PROCESS_KEY;
        context.getBean(RepositoryService.class).createDeployment().name("bench")
            .addModelInstance(processKey + ".bpmn", call ? BareCamunda.callModel() : BareCamunda.model()).deploy();
        RuntimeService runtime = context.getBean(RuntimeService.class);
        // the same contact data the Touchpoint journey gets, so both engines store alike
        starter = (probe, n) -> runtime.startProcessInstanceByKey(processKey, probe.key(n),
            Map.of("contactId", probe.key(n), "phone", probe.phone(n), "firstName", "Ada"));
      } else {
        int port = freePort();
        String baseUrl = "http://localhost:" + port;
        properties.put("server.port", port);
        properties.put("touchpoint.public-base-url", baseUrl);
        properties.put("touchpoint.tracking.secret", "bench-tracking-secret");
        properties.put("touchpoint.api.keys", TouchpointSide.API_KEY);
        String resource;
        String event;
        if (channel == Channel.WEBHOOK) {
          crm = new FakeCrm(options.providerLatencyMs(), options.jobThreads() * 2);
          properties.put("touchpoint.webhook.allowed-hosts", "localhost");
          context = new SpringApplicationBuilder(TouchpointSide.App.class).properties(properties)
              .web(WebApplicationType.SERVLET).run();
          System.out.println("   webhook -> " + crm.baseUrl() + FakeCrm.CONTACTS_PATH + "…");
          resource = TouchpointSide.WEBHOOK_RESOURCE;
          event = TouchpointSide.WEBHOOK_EVENT;
        } else if (channel == Channel.PUSH) {
          TouchpointSide.Receipts poster = new TouchpointSide.Receipts(http);
          receipts = poster;
          fcm = new FakeFcm(options.providerLatencyMs(), options.jobThreads() * 2, message -> {
            Probe probe = Probe.current();
            int n = probe == null ? -1 : FakeFcm.indexOf(probe, message.token());
            if (n >= 0) {
              probe.callbacks.execute(() -> poster.delivered(probe, n, message.receiptUrl()));
            }
          });
          properties.put("touchpoint.fcm.project-id", FakeFcm.PROJECT_ID);
          properties.put("touchpoint.fcm.api-base-url", fcm.baseUrl());
          properties.put("touchpoint.fcm.credentials-file", fcm.credentialsFile().toString());
          context = new SpringApplicationBuilder(TouchpointSide.App.class).properties(properties)
              .web(WebApplicationType.SERVLET).run();
          System.out.println("   push provider: " + context.getBean(PushConnector.class).provider()
              + " -> " + fcm.baseUrl() + ", receipts -> " + baseUrl + "/t/r/…");
          resource = TouchpointSide.PUSH_RESOURCE;
          event = TouchpointSide.PUSH_EVENT;
        } else {
          TouchpointSide.Callbacks callbacks = new TouchpointSide.Callbacks(http, baseUrl, TouchpointSide.AUTH_TOKEN);
          fake = new FakeTwilio(options.providerLatencyMs(), options.jobThreads() * 2, message -> {
            Probe probe = Probe.current();
            int n = probe == null ? -1 : probe.indexOfPhone(message.to());
            if (n >= 0) {
              probe.callbacks.execute(() -> callbacks.report(probe, n, message));
            }
          });
          properties.put("touchpoint.twilio.account-sid", TouchpointSide.ACCOUNT_SID);
          properties.put("touchpoint.twilio.auth-token", TouchpointSide.AUTH_TOKEN);
          properties.put("touchpoint.twilio.sms-from", TouchpointSide.SMS_FROM);
          if (channel == Channel.WHATSAPP) {
            properties.put("touchpoint.twilio.whatsapp-from", TouchpointSide.WHATSAPP_FROM);
          }
          properties.put("touchpoint.twilio.api-base-url", fake.baseUrl());
          context = new SpringApplicationBuilder(TouchpointSide.App.class).properties(properties)
              .web(WebApplicationType.SERVLET).run();
          boolean whatsapp = channel == Channel.WHATSAPP;
          System.out.println("   " + (whatsapp ? "WhatsApp provider: " + context.getBean(WhatsAppConnector.class).provider()
              : "SMS provider: " + context.getBean(SmsConnector.class).provider())
              + " -> " + fake.baseUrl() + ", callbacks -> " + baseUrl + "/callbacks/twilio/status");
          resource = whatsapp ? TouchpointSide.WHATSAPP_RESOURCE : TouchpointSide.RESOURCE;
          event = TouchpointSide.EVENT;
        }
        touchpointContext = context;
        deploy(context, resource, crm);
        boolean push = channel == Channel.PUSH;
        starter = options.events() == Events.HTTP ? httpStarter(http, baseUrl, event, push)
            : inProcessStarter(context.getBean(EventService.class), event, push);
      }
      String prefix = variant.name().substring(0, 1).toLowerCase(Locale.ROOT)
          + switch (channel == null ? Channel.SMS : channel) {
            case SMS -> "";
            case WHATSAPP -> "w";
            case PUSH -> "p";
            case WEBHOOK -> "h";
          }
          + "-" + lower(db);
      if (options.warmup() > 0) {
        Probe.Stats warm = batch(prefix + "-w", options.warmup(), 0, callbackPool, starter);
        System.out.printf(Locale.ROOT, "   warm-up: %d/%d journeys done, %.0f journeys/s%n", warm.completed(),
            warm.journeys(), warm.journeysPerSecond());
        BenchDatabases.analyze(context.getBean(javax.sql.DataSource.class));
        Thread.sleep(1000);
      }
      if (receipts != null) {
        receipts.early404s();
      }
      int postgresPort = db == Db.POSTGRES ? databases.postgresPort() : 0;
      Predicate<String> standIn = standIns(variant);
      long jvmCpuBefore = CpuMeter.jvmCpuMillis();
      long postgresCpuBefore = CpuMeter.postgresCpuMillis(postgresPort);
      long standInCpuBefore = CpuMeter.threadsCpuMillis(standIn);
      Probe.Stats measured = batch(prefix + "-m", options.journeys(), 5_000_000, callbackPool, starter);
      double jvmCpuMsPerJourney = (double) (CpuMeter.jvmCpuMillis() - jvmCpuBefore) / options.journeys();
      double postgresCpuMsPerJourney = (double) (CpuMeter.postgresCpuMillis(postgresPort) - postgresCpuBefore)
          / options.journeys();
      double cpuMsPerJourney = jvmCpuMsPerJourney + postgresCpuMsPerJourney;
      if (postgresPort > 0) {
        System.out.printf("   CPU ms per journey: this JVM %.1f, PostgreSQL %.1f%n", jvmCpuMsPerJourney,
            postgresCpuMsPerJourney);
      }
      double standInCpuMsPerJourney = (double) (CpuMeter.threadsCpuMillis(standIn) - standInCpuBefore)
          / options.journeys();
      if (variant == Variant.TOUCHPOINT && (channel == Channel.SMS || channel == Channel.PUSH)) {
        StageTimes.print(Probe.current(), context.getBean(javax.sql.DataSource.class));
      }
      if (receipts != null) {
        System.out.printf("   %d receipt posts answered 404 (delivery not committed yet) and posted again%n",
            receipts.early404s());
      }
      Run run = new Run(variant, channel, measured, liveHeapMb(), cpuMsPerJourney, standInCpuMsPerJourney);
      print(db, run);
      return run;
    } finally {
      Probe.install(null);
      touchpointContext = null;
      if (context != null) {
        context.close();
      }
      if (fake != null) {
        fake.close();
      }
      if (fcm != null) {
        fcm.close();
      }
      if (crm != null) {
        crm.close();
      }
      callbackPool.shutdownNow();
    }
  }

  /**
   * The threads that stand in for the world outside a Touchpoint node: the fake providers' WireMock (Jetty's
   * {@code qtp…}), the status callback and receipt posters with their HTTP client, and the event posters when events
   * go over HTTP. Bare Camunda's callback threads correlate in the engine themselves, so there they are its work.
   */
  private Predicate<String> standIns(Variant variant) {
    if (variant == Variant.BARE) {
      return name -> false;
    }
    return name -> FakeTwilio.ownsThread(name) || name.startsWith("HttpClient-") || name.startsWith("bench-callback")
        || (options.events() == Events.HTTP && name.startsWith("bench-client"));
  }

  /** The webhook journey's CRM address is the local fake's, known only now. */
  private static void deploy(ConfigurableApplicationContext context, String resource, FakeCrm crm) throws IOException {
    DeploymentBuilder deployment = context.getBean(RepositoryService.class).createDeployment().name("bench");
    if (crm == null) {
      deployment.addClasspathResource(resource);
    } else {
      try (InputStream in = JourneyBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
        String bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        deployment.addString(resource, bpmn.replace(TouchpointSide.WEBHOOK_PLACEHOLDER_BASE_URL, crm.baseUrl()));
      }
    }
    deployment.deploy();
  }

  private Probe.Stats batch(String prefix, int count, int phoneBase, ExecutorService callbackPool, Starter starter)
      throws InterruptedException {
    Probe probe = new Probe(prefix, count, phoneBase, callbackPool);
    Probe.install(probe);
    AtomicInteger next = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < options.clients(); c++) {
      Thread client = new Thread(() -> {
        for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
          probe.started(n);
          try {
            starter.start(probe, n);
            probe.accepted(n);
          } catch (Exception e) {
            probe.failure("start " + probe.key(n) + ": " + e);
          }
        }
      }, "bench-client-" + c);
      client.start();
      clients.add(client);
    }
    for (Thread client : clients) {
      client.join();
    }
    if (!probe.await(options.timeoutSeconds())) {
      System.out.printf("   timed out after %d s waiting for journeys%n", options.timeoutSeconds());
      Diagnosis.print(probe, touchpointContext == null ? null
          : touchpointContext.getBean(javax.sql.DataSource.class));
    }
    Thread.sleep(300); // the last correlations' callers record their answer just after the commit
    return probe.stats();
  }

  /** push: the contact has a device token unique to the journey, {@link FakeFcm#token}, and no phone. */
  private static Starter inProcessStarter(EventService events, String event, boolean push) {
    return (probe, n) -> {
      String key = probe.key(n);
      EventResult result = events.accept(new JourneyEvent(event, "evt-" + key,
          new Contact(key, push ? null : probe.phone(n), null, null, push ? FakeFcm.token(probe, n) : null, "Ada",
              null, null, null), Map.of()));
      if (result.started().isEmpty()) {
        probe.failure("event for " + key + " started nothing: " + result.skipped());
      }
    };
  }

  private static Starter httpStarter(HttpClient http, String baseUrl, String event, boolean push) {
    URI uri = URI.create(baseUrl + "/api/events");
    return (probe, n) -> {
      String key = probe.key(n);
      String json = """
          {"name":"%s","id":"evt-%s","contact":{"id":"%s","%s":"%s","firstName":"Ada"},"data":{}}"""
          .formatted(event, key, key, push ? "pushToken" : "phone", push ? FakeFcm.token(probe, n) : probe.phone(n));
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
          .header("Authorization", "Bearer " + TouchpointSide.API_KEY)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2 || !response.body().contains("\"processInstanceId\"")) {
        probe.failure("event for " + key + " answered " + response.statusCode() + " " + response.body());
      }
    };
  }

  private Map<String, Object> commonProperties(Db db, String name) throws Exception {
    Map<String, Object> properties = databases.properties(db, name, "");
    properties.put("spring.datasource.hikari.maximum-pool-size", options.jobThreads() + options.clients()
        + options.callbackThreads() + 8);
    properties.put("spring.flyway.enabled", "false");
    properties.put("camunda.bpm.job-execution.enabled", "true");
    properties.put("camunda.bpm.job-execution.core-pool-size", options.jobThreads());
    properties.put("camunda.bpm.job-execution.max-pool-size", options.jobThreads());
    properties.put("camunda.bpm.job-execution.queue-capacity", options.jobThreads() * 2);
    properties.put("camunda.bpm.job-execution.max-jobs-per-acquisition", options.jobThreads());
    return properties;
  }

  private static void print(Db db, Run run) {
    Probe.Stats s = run.stats();
    System.out.printf(Locale.ROOT, "   %s%s on %s: %d/%d journeys done, %d sends, %d callbacks%n",
        lower(run.variant()), run.channel() == null ? "" : " " + lower(run.channel()), lower(db), s.completed(),
        s.journeys(), s.sends(), s.callbacks());
    if (!s.failures().isEmpty()) {
      System.out.printf("   %d failures, first: %s%n", s.failures().size(), s.failures().get(0));
    }
  }

  private void summary(Map<Db, List<Run>> results) {
    System.out.println();
    System.out.println("=== Results (" + options.journeys() + " journeys per variant, provider latency "
        + options.providerLatencyMs() + " ms; per db, bare ran once per journey shape: the status shape is the baseline"
        + " of sms, whatsapp and push, the call shape of webhook) ===");
    String header = String.format(Locale.ROOT, "%-9s %-11s %-9s %10s %9s %11s %9s %12s %23s %31s",
        "db", "variant", "channel", "done", "starts/s", "journeys/s", "sends/s", "callbacks/s",
        "event->send p50/p99 ms", "callback->correlated p50/p99 ms");
    System.out.println(header);
    System.out.println("-".repeat(header.length()));
    results.forEach((db, runs) -> {
      for (Run run : runs) {
        Probe.Stats s = run.stats();
        System.out.printf(Locale.ROOT, "%-9s %-11s %-9s %10s %9.1f %11.1f %9.1f %12.1f %23s %31s%n",
            lower(db), lower(run.variant()), run.channelName(), s.completed() + "/" + s.journeys(),
            s.startsPerSecond(), s.journeysPerSecond(), s.sendsPerSecond(), s.callbacksPerSecond(),
            pair(s.eventToSendMs()), pair(s.callbackToCorrelatedMs()));
      }
      for (Run touchpoint : runs) {
        if (touchpoint.variant() != Variant.TOUCHPOINT) {
          continue;
        }
        Channel shape = touchpoint.channel() == Channel.WEBHOOK ? Channel.WEBHOOK : null;
        Run bare = runs.stream().filter(r -> r.variant() == Variant.BARE && r.channel() == shape).findFirst().orElse(null);
        if (bare == null) {
          continue;
        }
        if (bare.stats().journeysPerSecond() > 0) {
          System.out.printf(Locale.ROOT, "%-9s %-9s ratio touchpoint/bare journeys/s: %.2f%n", lower(db),
              touchpoint.channelName(), touchpoint.stats().journeysPerSecond() / bare.stats().journeysPerSecond());
        }
        System.out.printf(Locale.ROOT, "%-9s %-9s CPU ms per journey (JVM + PostgreSQL): bare %.1f, touchpoint %.1f, of"
                + " which the benchmark's stand-ins (fake provider, callback poster) %.1f; bare / touchpoint without"
                + " them: %.2f%n", lower(db), touchpoint.channelName(), bare.cpuMsPerJourney(),
            touchpoint.cpuMsPerJourney(), touchpoint.standInCpuMsPerJourney(),
            bare.ownCpuMsPerJourney() / touchpoint.ownCpuMsPerJourney());
        if (bare.heapAfterMb() > 0) {
          System.out.printf(Locale.ROOT, "%-9s %-9s live heap after run MB: bare %d, touchpoint %d, ratio %.2f%n",
              lower(db), touchpoint.channelName(), bare.heapAfterMb(), touchpoint.heapAfterMb(),
              (double) touchpoint.heapAfterMb() / bare.heapAfterMb());
        }
      }
    });
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** Heap still reachable with the variant's context open, after the run: what the engine keeps. */
  private static long liveHeapMb() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
  }

  private static String pair(double[] p) {
    if (Double.isNaN(p[0])) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f / %.1f", p[0], p[1]);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A comma list of channels, in the order given, without repeats; {@code both} is sms,whatsapp, {@code all} every channel. */
  private static List<Channel> channels(String value) {
    List<Channel> channels = new ArrayList<>();
    for (String name : value.toLowerCase(Locale.ROOT).split(",")) {
      List<Channel> named = switch (name.trim()) {
        case "both" -> List.of(Channel.SMS, Channel.WHATSAPP);
        case "all" -> Arrays.asList(Channel.values());
        default -> List.of(Channel.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      };
      named.stream().filter(channel -> !channels.contains(channel)).forEach(channels::add);
    }
    return List.copyOf(channels);
  }

  private static Options parse(String[] args) {
    List<Db> dbs = List.of(Db.H2, Db.POSTGRES);
    List<Channel> channels = List.of(Channel.SMS);
    int journeys = 800;
    int warmup = 200;
    long latency = 0;
    int clients = 4;
    int jobThreads = 8;
    int callbackThreads = 8;
    Events events = Events.INPROCESS;
    long timeout = 30;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : "");
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (option) {
        case "--db" -> dbs = "both".equals(value) || "all".equals(value) ? List.of(Db.H2, Db.POSTGRES)
            : List.of(Db.valueOf(value.toUpperCase(Locale.ROOT)));
        case "--channel" -> channels = channels(value);
        case "--journeys" -> journeys = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--provider-latency-ms" -> latency = Long.parseLong(value);
        case "--clients" -> clients = Integer.parseInt(value);
        case "--job-threads" -> jobThreads = Integer.parseInt(value);
        case "--callback-threads" -> callbackThreads = Integer.parseInt(value);
        case "--events" -> events = Events.valueOf(value.toUpperCase(Locale.ROOT).replace("-", ""));
        case "--timeout-s" -> timeout = Long.parseLong(value);
        default -> {
          System.err.println("""
              usage: java -jar bench/target/touchpoint-bench.jar [--db h2|postgres|both] [--channel sms|whatsapp|push|webhook|both|all|LIST]
                     (LIST: comma-separated, e.g. sms,push; both = sms,whatsapp; all = sms,whatsapp,push,webhook)
                     [--journeys N] [--warmup N]
                     [--provider-latency-ms M] [--clients N] [--job-threads N] [--callback-threads N]
                     [--events inprocess|http] [--timeout-s S]""");
          System.exit(2);
        }
      }
    }
    return new Options(dbs, channels, journeys, warmup, latency, clients, jobThreads, callbackThreads, events, timeout);
  }
}
