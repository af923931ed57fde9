package io.touchpoint.repair;

import io.touchpoint.repair.StuckReport.IncidentGroup;
import io.touchpoint.repair.StuckReport.StuckStep;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Contacts waiting at a step longer than a while, read from the engine's history (when each entered the step it is
 * at), and the journey's incidents. Times compare with the engine's clock, which wrote them.
 */
class StuckContacts {

  static final int SAMPLE = 50;
  private static final Pattern CODE = Pattern.compile("^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\\b");

  /** A contact at a step: its journey instance and the version that instance runs. */
  record Waiting(String step, String name, String processInstanceId, String definitionId, String contact) {
  }

  private final JdbcClient jdbc;

  StuckContacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  StuckReport of(String key, Duration olderThan) {
    Map<String, List<Waiting>> byStep = new LinkedHashMap<>();
    waiting(key, null, olderThan).forEach(waiting ->
        byStep.computeIfAbsent(waiting.step(), step -> new ArrayList<>()).add(waiting));
    Map<String, Map<String, List<String>>> incidents = new TreeMap<>();
    // by the instance's version: the send pipeline's retry jobs, and so their incidents, name no definition
    jdbc.sql("""
            select i.ACTIVITY_ID_, i.INCIDENT_TYPE_, i.INCIDENT_MSG_ from ACT_RU_INCIDENT i
            join ACT_RU_EXECUTION e on e.ID_ = i.PROC_INST_ID_
            join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_
            where d.KEY_ = ?
            order by i.INCIDENT_TIMESTAMP_""")
        .param(key)
        .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list()
        .forEach(incident -> incidents.computeIfAbsent(incident[0], step -> new TreeMap<>())
            .computeIfAbsent(codeOf(incident[1], incident[2]), code -> new ArrayList<>()).add(incident[2]));
    List<StuckStep> steps = new ArrayList<>();
    byStep.forEach((step, contacts) -> steps.add(new StuckStep(step, contacts.get(0).name(), contacts.size(),
        contacts.stream().limit(SAMPLE).map(Waiting::contact).toList(), groups(incidents.remove(step)))));
    incidents.forEach((step, codes) -> steps.add(new StuckStep(step, step, 0, List.of(), groups(codes))));
    return new StuckReport(key, olderThan.toString(), steps);
  }

  /** Contacts at a step (any step when null) of any version of the journey, there longer than {@code olderThan}. */
  List<Waiting> waiting(String key, String step, Duration olderThan) {
    Timestamp enteredBefore = new Timestamp(ClockUtil.getCurrentTime().getTime() - olderThan.toMillis());
    return jdbc.sql("""
            select a.ACT_ID_, a.ACT_NAME_, a.PROC_INST_ID_, a.PROC_DEF_ID_, p.BUSINESS_KEY_
            from ACT_HI_ACTINST a join ACT_HI_PROCINST p on p.ID_ = a.PROC_INST_ID_
            where a.PROC_DEF_KEY_ = ? and a.END_TIME_ is null and p.END_TIME_ is null and a.START_TIME_ <= ?
              and a.ACT_TYPE_ not in ('subProcess', 'multiInstanceBody', 'transaction')
              %s
            order by a.START_TIME_, a.PROC_INST_ID_""".formatted(step == null ? "" : "and a.ACT_ID_ = ?"))
        .params(step == null ? List.of(key, enteredBefore) : List.of(key, enteredBefore, step))
        .query((rs, row) -> new Waiting(rs.getString(1), rs.getString(2) == null ? rs.getString(1) : rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5)))
        .list();
  }

  /** @param byCode incident messages by their code */
  private static List<IncidentGroup> groups(Map<String, List<String>> byCode) {
    if (byCode == null) {
      return List.of();
    }
    List<IncidentGroup> groups = new ArrayList<>();
    byCode.forEach((code, messages) -> groups.add(new IncidentGroup(code, messages.size(), messages.get(0))));
    return groups;
  }

  private static String codeOf(String type, String message) {
    Matcher code = CODE.matcher(message == null ? "" : message);
    return code.find() ? code.group(1) : type;
  }
}
