package io.touchpoint.governor;

import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sends the governor holds: counted for operators, and brought forward when the pause holding them is lifted. */
public class HeldSends {

  /** The job type of a held send's job at its task. */
  public static final String JOB_TYPE = "touchpoint-held-send";

  /** Held sends of one journey and channel, for one reason. */
  public record Count(String journey, String channel, String reason, long held) {
  }

  private final JdbcClient jdbc;
  private final Supplier<ManagementService> management;

  public HeldSends(JdbcClient jdbc, Supplier<ManagementService> management) {
    this.jdbc = jdbc;
    this.management = management;
  }

  List<Count> counts() {
    return jdbc.sql("""
            select journey_key, channel, outcome_code, count(*) from tp_delivery where outcome = 'HELD'
            group by journey_key, channel, outcome_code order by journey_key, channel, outcome_code""")
        .query((rs, row) -> new Count(rs.getString(1), rs.getString(2).toLowerCase(java.util.Locale.ROOT),
            rs.getString(3), rs.getLong(4)))
        .list();
  }

  /**
   * Makes the jobs of sends held by a pause due now: each asks the governor again, and goes out unless another
   * pause still covers it. Sends held for other reasons keep their due dates.
   */
  int releasePaused() {
    List<String> jobs = jdbc.sql("""
            select j.ID_ from ACT_RU_JOB j join tp_delivery d on d.id = j.HANDLER_CFG_
            where j.HANDLER_TYPE_ = ? and d.outcome = 'HELD' and d.outcome_code = 'paused'""")
        .param(JOB_TYPE).query(String.class).list();
    Date now = ClockUtil.getCurrentTime(); // the engine's: job due dates are on its clock
    jobs.forEach(job -> management.get().setJobDuedate(job, now));
    return jobs.size();
  }
}
