package io.touchpoint.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a Touchpoint journey's time went, from the engine's history (level full): its send job started (the send
 * task's activity began) → the provider's answer recorded and the journey continued (the send task ended, in the
 * same transaction) → its status correlated (the {@code Delivered} catch ended).
 */
final class StageTimes {

  private StageTimes() {
  }

  static void print(Probe probe, DataSource dataSource) {
    List<Long> answered = new ArrayList<>();
    List<Long> correlated = new ArrayList<>();
    new JdbcTemplate(dataSource).query("""
            select s.start_time_, s.end_time_, d.end_time_ from act_hi_actinst s
            join act_hi_procinst p on p.id_ = s.proc_inst_id_
            join act_hi_actinst d on d.proc_inst_id_ = s.proc_inst_id_ and d.act_id_ = 'Delivered'
            where s.act_id_ = 'Send' and p.business_key_ like ?""",
        rs -> {
          if (rs.getTimestamp(2) != null && rs.getTimestamp(3) != null) {
            answered.add((rs.getTimestamp(2).getTime() - rs.getTimestamp(1).getTime()) * 1_000_000);
            correlated.add((rs.getTimestamp(3).getTime() - rs.getTimestamp(2).getTime()) * 1_000_000);
          }
        }, probe.prefix + "-%");
    double[] toAnswer = Probe.percentiles(answered);
    double[] toCorrelated = Probe.percentiles(correlated);
    System.out.printf(Locale.ROOT, "   stages of %d journeys, p50/p99 ms: send job started -> answer recorded and journey"
            + " continued %.0f / %.0f; -> status correlated %.0f / %.0f%n", answered.size(), toAnswer[0], toAnswer[1],
        toCorrelated[0], toCorrelated[1]);
  }
}
