package io.touchpoint.bench;

import io.touchpoint.analytics.AnalyticsRange;
import io.touchpoint.analytics.JourneyAnalytics;
import io.touchpoint.analytics.JourneyReport;
import io.touchpoint.bench.BenchDatabases.Db;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code --analytics N}: how fast journey analytics answers over N finished journeys. The history is loaded
 * with plain SQL batches shaped as the engine writes it ({@code ACT_HI_PROCINST}, {@code ACT_HI_ACTINST}, with
 * the engine's own ids, states and timestamps) plus the ledger rows the channel task and webhook task write,
 * because running 100 000 journeys through the engine takes about an hour on this machine (20-40 journeys/s)
 * while the analytics queries only read those tables. The journey definitions are deployed for real.
 * Prints the median, min and max of several calls to the journey list and to one journey's report, through
 * the service and over HTTP (API key filter and JSON included).
 */
final class AnalyticsBenchmark {

  static final String KEY = "bench-analytics";
  static final String RESOURCE = "bench/analytics-journey.bpmn";
  static final String API_KEY = "bench-api-key";
  /** Smaller journeys beside the big one, so the list has several rows. */
  static final int OTHER_JOURNEYS = 4;
  static final int BATCH = 5_000;

  record Options(int journeys, List<Db> dbs, int calls) {
  }

  /** What became of one generated instance: the activities it passed and how it ended. */
  enum Path {
    GOAL("Ordered", "Delivered", "Buys", "Ordered"),
    NOT_NOW("NotNow", "Delivered", "Buys", "NotNow"),
    LEFT_US("LeftUs", "Delivered", "Buys", "LeftUs"),
    FAILED("NotReached", "Failed", "NotReached"),
    SILENCE("CrmTold", "Silence", "TellCrm", "CrmTold"),
    CANCELLED(null);

    final String end;
    final List<String> after;

    Path(String end, String... after) {
      this.end = end;
      this.after = List.of(after);
    }
  }

  private final Options options;
  private final BenchDatabases databases = new BenchDatabases();

  private AnalyticsBenchmark(Options options) {
    this.options = options;
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
  }

  public static void main(String[] args) throws Exception {
    new AnalyticsBenchmark(parse(args)).run();
  }

  private void run() throws Exception {
    System.out.printf(Locale.ROOT, "Touchpoint analytics benchmark: %d finished journeys of '%s' (+ %d journeys of"
            + " %d each), median of %d calls after 2 warm-up calls, %d cores, Java %s%n", options.journeys(), KEY,
        OTHER_JOURNEYS, otherSize(), options.calls(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    try (databases) {
      for (Db db : options.dbs()) {
        runOn(db);
      }
    }
  }

  private int otherSize() {
    return Math.max(1, options.journeys() / 100);
  }

  private void runOn(Db db) throws Exception {
    System.out.printf(Locale.ROOT, "%n== analytics on %s ==%n", db.name().toLowerCase(Locale.ROOT));
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
        .properties(properties(db)).run()) {
      RepositoryService repository = context.getBean(RepositoryService.class);
      DataSource dataSource = context.getBean(DataSource.class);
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));

      List<ProcessDefinition> main = List.of(deploy(repository, KEY), deploy(repository, KEY));
      long began = System.nanoTime();
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      long rows = load(jdbc, tx, main, options.journeys(), now, new Random(42));
      for (int j = 1; j <= OTHER_JOURNEYS; j++) {
        rows += load(jdbc, tx, List.of(deploy(repository, KEY + "-" + j)), otherSize(), now, new Random(j));
      }
      System.out.printf(Locale.ROOT, "   loaded %d rows in %.1f s%n", rows, (System.nanoTime() - began) / 1e9);
      if (db == Db.POSTGRES) {
        // what autovacuum would have done by the time anyone looks at a chart
        jdbc.execute("analyze");
      }

      JourneyAnalytics analytics = context.getBean(JourneyAnalytics.class);
      AnalyticsRange all = AnalyticsRange.all();
      AnalyticsRange lastWeek = new AnalyticsRange(now.minus(Duration.ofDays(7)), null, false);
      AnalyticsRange lastMonth = new AnalyticsRange(now.minus(Duration.ofDays(30)), now.plusSeconds(1), true);
      JourneyReport report = analytics.journey(KEY, null, all);
      System.out.printf(Locale.ROOT, "   %s: started %d, active %d, completed %d, drop-offs %d, goals %d, p90 %.0f s,"
              + " %d timeline points, %d steps, %d branches%n", KEY, report.summary().started(),
          report.summary().active(), report.summary().completed(), report.summary().dropOffs(),
          report.summary().goals(), report.summary().p90DurationSeconds(), report.timeline().size(),
          report.components().size(), report.branches().size());
      report.components().forEach(step -> System.out.printf(Locale.ROOT, "   %s (%s): %s%n", step.activityId(),
          step.kind(), step.counts()));

      time("journey list, all time", () -> analytics.journeys(all));
      time("journey list, last 30 days", () -> analytics.journeys(lastMonth));
      time("journey report, all versions, all time", () -> analytics.journey(KEY, null, all));
      time("journey report, last 7 days", () -> analytics.journey(KEY, null, lastWeek));
      time("journey report, version 2, 30 days, machine opens", () -> analytics.journey(KEY, 2, lastMonth));
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      HttpClient http = HttpClient.newHttpClient();
      time("GET /api/analytics/journeys", () -> get(http, port, "/api/analytics/journeys"));
      time("GET /api/analytics/journeys/" + KEY, () -> get(http, port, "/api/analytics/journeys/" + KEY));
      time("GET /api/analytics/journeys/" + KEY + "/components.csv",
          () -> get(http, port, "/api/analytics/journeys/" + KEY + "/components.csv"));
    }
  }

  private ProcessDefinition deploy(RepositoryService repository, String key) throws IOException {
    try (InputStream in = AnalyticsBenchmark.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      String bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("id=\"" + KEY + "\"", "id=\"" + key + "\"");
      String deployment = repository.createDeployment().addString(key + ".bpmn", bpmn).deploy().getId();
      return repository.createProcessDefinitionQuery().deploymentId(deployment).singleResult();
    }
  }

  // ---- the load

  /**
   * Instances started over the last 30 days, each sent the offer email then the SMS; 98 % finished (goal 40 %, not now 20 %, drop-off end 12 %, SMS
   * failed 10 % of which half were skipped for an opted-out contact, silence and CRM webhook 10 %, cancelled
   * 6 %), 2 % still waiting. The first version gets 30 %, the newest the rest.
   */
  private long load(JdbcTemplate jdbc, TransactionTemplate tx, List<ProcessDefinition> versions, int finished,
      Instant now, Random random) {
    int total = finished + finished / 49;
    List<Object[]> instances = new ArrayList<>();
    List<Object[]> activities = new ArrayList<>();
    List<Object[]> deliveries = new ArrayList<>();
    List<Object[]> statuses = new ArrayList<>();
    List<Object[]> calls = new ArrayList<>();
    List<Object[]> opens = new ArrayList<>();
    List<Object[]> unsubscribes = new ArrayList<>();
    long rows = 0;
    for (int i = 0; i < total; i++) {
      ProcessDefinition definition = versions.size() > 1 && random.nextDouble() >= 0.3 ? versions.get(1)
          : versions.get(0);
      boolean running = i >= finished;
      double r = random.nextDouble();
      Path path = r < 0.40 ? Path.GOAL : r < 0.60 ? Path.NOT_NOW : r < 0.72 ? Path.LEFT_US : r < 0.82 ? Path.FAILED
          : r < 0.92 ? Path.SILENCE : Path.CANCELLED;
      Instant start = now.minusSeconds(1 + random.nextInt(30 * 24 * 3600));
      Instant sent = start.plusMillis(200 + random.nextInt(800));
      Instant end = running ? null : path == Path.SILENCE ? sent.plus(Duration.ofHours(1)).plusMillis(300)
          : sent.plusSeconds(30 + random.nextInt(4 * 3600));
      String id = UUID.randomUUID().toString();
      instances.add(new Object[] {id, id, "contact-" + i, definition.getKey(), definition.getId(), ts(start), ts(end),
          end == null ? null : Duration.between(start, end).toMillis(), "Started", running ? null : path.end, id,
          running ? "ACTIVE" : path == Path.CANCELLED ? "EXTERNALLY_TERMINATED" : "COMPLETED",
          path == Path.CANCELLED && !running ? "contact deleted" : null});
      activity(activities, definition, id, "Started", "startEvent", start, start, 0);
      activity(activities, definition, id, "Mail", "serviceTask", start, start, 0);
      activity(activities, definition, id, "Text", "serviceTask", start, sent, 0);
      boolean gatewayOnly = running || path == Path.CANCELLED;
      activity(activities, definition, id, "TextOutcome", "eventBasedGateway", sent, gatewayOnly ? null : sent,
          path == Path.CANCELLED && !running ? 2 : 0);
      if (!gatewayOnly) {
        for (String after : path.after) {
          boolean isEnd = after.equals(path.end);
          activity(activities, definition, id, after, isEnd ? "noneEndEvent" : "intermediate", end, end, isEnd ? 1 : 0);
        }
      }
      String deliveryId = UUID.randomUUID().toString();
      boolean skipped = path == Path.FAILED && random.nextBoolean();
      deliveries.add(new Object[] {deliveryId, "job:" + UUID.randomUUID(), definition.getKey(), id, "Text",
          "contact-" + i, "SMS", "+1555" + (1_000_000 + i), "twilio",
          skipped ? null : "SM" + deliveryId.replace("-", ""), skipped ? "SKIPPED" : "ACCEPTED",
          skipped ? "recipient opted out of sms" : null, ots(start), ots(sent)});
      if (!skipped) {
        statuses.add(new Object[] {deliveryId, "SENT", "sent", null, false, ots(sent), ots(sent)});
      }
      email(deliveries, statuses, opens, unsubscribes, definition, id, i, start, random);
      if (!running && List.of(Path.GOAL, Path.NOT_NOW, Path.LEFT_US).contains(path)) {
        statuses.add(new Object[] {deliveryId, "DELIVERED", "delivered", null, false, ots(end), ots(end)});
      } else if (!running && path == Path.FAILED) {
        statuses.add(new Object[] {deliveryId, "FAILED", skipped ? null : "undelivered", skipped ? "SKIPPED" : "30003",
            false, ots(end), ots(end)});
      }
      if (!running && path == Path.SILENCE) {
        boolean ok = random.nextDouble() < 0.95;
        calls.add(new Object[] {UUID.randomUUID().toString(), definition.getKey(), id, "TellCrm", ok ? 200 : 503,
            ok ? null : "WEBHOOK_5XX", ots(end)});
      }
      if (instances.size() >= BATCH || i == total - 1) {
        rows += flush(jdbc, tx, instances, activities, deliveries, statuses, calls, opens, unsubscribes);
      }
    }
    return rows;
  }

  /**
   * The offer email, sent over SMTP (SENT at once): 30 % opened by a reader (a third of them clicked), 25 %
   * fetched by an image proxy only, 3 % bounced, 1 % unsubscribed.
   */
  private static void email(List<Object[]> deliveries, List<Object[]> statuses, List<Object[]> opens,
      List<Object[]> unsubscribes, ProcessDefinition definition, String instanceId, int i, Instant start,
      Random random) {
    String id = UUID.randomUUID().toString();
    deliveries.add(new Object[] {id, "job:" + UUID.randomUUID(), definition.getKey(), instanceId, "Mail",
        "contact-" + i, "EMAIL", "contact-" + i + "@example.test", "smtp", "<" + id + "@touchpoint>", "ACCEPTED",
        null, ots(start), ots(start)});
    statuses.add(new Object[] {id, "SENT", null, null, false, ots(start), ots(start)});
    double r = random.nextDouble();
    Instant later = start.plusSeconds(60 + random.nextInt(3600));
    if (r < 0.30) {
      for (String status : r < 0.10 ? List.of("DELIVERED", "OPENED", "CLICKED") : List.of("DELIVERED", "OPENED")) {
        statuses.add(new Object[] {id, status, null, null, !status.equals(r < 0.10 ? "CLICKED" : "OPENED"),
            ots(later), ots(later)});
      }
    } else if (r < 0.55) {
      opens.add(new Object[] {id, "Mozilla/5.0 (via ggpht.com GoogleImageProxy)", ots(start.plusSeconds(5))});
    } else if (r < 0.58) {
      statuses.add(new Object[] {id, "BOUNCED", null, "5.1.1", false, ots(later), ots(later)});
    }
    if (random.nextDouble() < 0.01) {
      unsubscribes.add(new Object[] {id, ots(later)});
    }
  }

  private static void activity(List<Object[]> activities, ProcessDefinition definition, String instanceId,
      String activityId, String type, Instant start, Instant end, int state) {
    activities.add(new Object[] {activityId + ":" + UUID.randomUUID(), instanceId, definition.getKey(),
        definition.getId(), instanceId, instanceId, instanceId, activityId, activityId, type, ts(start), ts(end),
        end == null ? null : Duration.between(start, end).toMillis(), state, (long) activities.size() + 1});
  }

  private static long flush(JdbcTemplate jdbc, TransactionTemplate tx, List<Object[]> instances,
      List<Object[]> activities, List<Object[]> deliveries, List<Object[]> statuses, List<Object[]> calls,
      List<Object[]> opens, List<Object[]> unsubscribes) {
    long rows = instances.size() + activities.size() + deliveries.size() + statuses.size() + calls.size()
        + opens.size() + unsubscribes.size();
    tx.executeWithoutResult(status -> {
      jdbc.batchUpdate("""
          insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_,
            END_TIME_, DURATION_, START_ACT_ID_, END_ACT_ID_, ROOT_PROC_INST_ID_, STATE_, DELETE_REASON_)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", instances);
      jdbc.batchUpdate("""
          insert into ACT_HI_ACTINST (ID_, PARENT_ACT_INST_ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_,
            PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, ACT_NAME_, ACT_TYPE_, START_TIME_, END_TIME_, DURATION_,
            ACT_INST_STATE_, SEQUENCE_COUNTER_) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", activities);
      jdbc.batchUpdate("""
          insert into tp_delivery (id, idempotency_key, journey_key, process_instance_id, activity_id, contact_id,
            channel, recipient, provider, provider_message_id, outcome, outcome_reason, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", deliveries);
      jdbc.batchUpdate("""
          insert into tp_delivery_status (delivery_id, status, provider_status, error_code, implied, occurred_at,
            recorded_at) values (?, ?, ?, ?, ?, ?, ?)""", statuses);
      jdbc.batchUpdate("""
          insert into tp_webhook_call (id, journey_key, process_instance_id, activity_id, http_status, error_code,
            called_at) values (?, ?, ?, ?, ?, ?, ?)""", calls);
      jdbc.batchUpdate("insert into tp_machine_open (delivery_id, user_agent, opened_at) values (?, ?, ?)", opens);
      jdbc.batchUpdate("insert into tp_unsubscribe (delivery_id, unsubscribed_at) values (?, ?)", unsubscribes);
    });
    instances.clear();
    activities.clear();
    deliveries.clear();
    statuses.clear();
    calls.clear();
    opens.clear();
    unsubscribes.clear();
    return rows;
  }

  /** As the engine writes a java.util.Date into a {@code timestamp} column. */
  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** As the ledger writes into a {@code timestamp with time zone} column. */
  private static java.time.OffsetDateTime ots(Instant instant) {
    return instant == null ? null : java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
  }

  // ---- measuring

  private void time(String what, Callable<?> call) throws Exception {
    for (int warmup = 0; warmup < 2; warmup++) {
      call.call();
    }
    long[] millis = new long[options.calls()];
    for (int i = 0; i < millis.length; i++) {
      long began = System.nanoTime();
      call.call();
      millis[i] = (System.nanoTime() - began) / 1_000_000;
    }
    Arrays.sort(millis);
    System.out.printf(Locale.ROOT, "   %-62s median %5d ms   min %5d   max %5d%n", what, millis[millis.length / 2],
        millis[0], millis[millis.length - 1]);
  }

  private static String get(HttpClient http, int port, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private Map<String, Object> properties(Db db) throws Exception {
    Map<String, Object> properties = databases.properties(db, "bench_analytics_" + db.name().toLowerCase(Locale.ROOT),
        "&reWriteBatchedInserts=true");
    properties.put("server.port", 0);
    properties.put("camunda.bpm.job-execution.enabled", "false");
    properties.put("touchpoint.public-base-url", "http://localhost");
    properties.put("touchpoint.tracking.secret", "bench-tracking-secret");
    properties.put("touchpoint.api.keys", API_KEY);
    return properties;
  }

  private static Options parse(String[] args) {
    int journeys = 100_000;
    List<Db> dbs = List.of(Db.POSTGRES);
    int calls = 7;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      boolean hasValue = arg.contains("=") || (i + 1 < args.length && !args[i + 1].startsWith("--"));
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : hasValue ? args[++i] : "";
      switch (option) {
        case "--analytics" -> journeys = value.isEmpty() ? journeys : Integer.parseInt(value);
        case "--db" -> dbs = "both".equals(value) || "all".equals(value)
            ? List.of(Db.POSTGRES, Db.H2)
            : List.of(Db.valueOf(value.toUpperCase(Locale.ROOT)));
        case "--calls" -> calls = Integer.parseInt(value);
        default -> {
          System.err.println("usage: java -jar bench/target/touchpoint-bench.jar --analytics [N] "
              + "[--db postgres|h2|both] [--calls N]");
          System.exit(2);
        }
      }
    }
    return new Options(journeys, dbs, calls);
  }
}
