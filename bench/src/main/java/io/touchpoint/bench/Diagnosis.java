package io.touchpoint.bench;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Explains, from Touchpoint's tables and the engine's, why journeys of a batch did not finish. */
final class Diagnosis {

  private Diagnosis() {
  }

  static void print(Probe probe, DataSource dataSource) {
    List<Integer> missing = probe.missing();
    System.out.printf("   %d journeys not done, e.g. %s%n", missing.size(),
        missing.stream().limit(5).map(probe::key).toList());
    if (dataSource == null) {
      return;
    }
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    for (int n : missing.stream().limit(5).toList()) {
      String key = probe.key(n);
      System.out.println("   -- " + key);
      for (Map<String, Object> delivery : jdbc.queryForList(
          "select id, outcome, provider_message_id, process_instance_id from tp_delivery where contact_id = ?", key)) {
        Object id = get(delivery, "id");
        System.out.println("      delivery      " + delivery);
        System.out.println("      reports       " + jdbc.queryForList(
            "select status, delivery_id, received_at from tp_status_report where provider_message_id = ?",
            get(delivery, "provider_message_id")));
        System.out.println("      statuses      " + jdbc.queryForList(
            "select status, recorded_at from tp_delivery_status where delivery_id = ?", id));
        System.out.println("      waits         " + jdbc.queryForList(
            "select status, process_instance_id from tp_status_wait where delivery_id = ?", id));
      }
      System.out.println("      subscriptions " + jdbc.queryForList(
          "select s.event_name_ from act_ru_event_subscr s join act_ru_execution e on s.proc_inst_id_ = e.id_"
              + " where e.business_key_ = ?", key));
    }
  }

  private static Object get(Map<String, Object> row, String column) {
    return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
  }
}
