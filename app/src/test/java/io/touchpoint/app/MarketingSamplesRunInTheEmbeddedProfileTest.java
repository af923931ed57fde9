package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The campaign, post-purchase and re-engagement samples are deployed out of the box, and their webhooks reach the
 * demo CRM and analytics stand-ins through the embedded profile's configuration, with the real job executor.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:touchpoint-${random.uuid};DB_CLOSE_DELAY=-1")
class MarketingSamplesRunInTheEmbeddedProfileTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;

  @Test
  void marketingSamplesAreDeployedAtStartup() {
    assertThat(repositoryService.createProcessDefinitionQuery().latestVersion().list())
        .extracting(definition -> definition.getKey())
        .contains("promo-campaign-week", "post-purchase-follow-up", "lead-reengagement");
  }

  @Test
  void campaignResultsReachTheDemoAnalyticsTool() {
    ProcessInstance notConverted = startAt("promo-campaign-week", "ReportNoConversion",
        Map.of("contactId", "u-1", "campaignId", "spring-2026"));
    ProcessInstance converted = startAt("promo-campaign-week", "ReportConversion",
        Map.of("contactId", "u-2", "campaignId", "spring-2026", "orderId", "SO-1", "orderTotal", 59.9));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(variable(notConverted, "analyticsStatus")).isEqualTo(202);
      assertThat(variable(converted, "analyticsStatus")).isEqualTo(202);
    });
  }

  @Test
  void leadScoreAndRemarketingAudienceReachTheDemoCrm() {
    String customer = "u-" + UUID.randomUUID();
    String lead = "u-" + UUID.randomUUID();
    ProcessInstance leadScore = startAt("post-purchase-follow-up", "UpdateLeadScore",
        Map.of("contactId", customer, "orderNumber", "1042"));
    ProcessInstance audience = startAt("lead-reengagement", "SyncRemarketingAudience", Map.of("contactId", lead));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(variable(leadScore, "crmStatus")).isEqualTo(200);
      assertThat(variable(audience, "crmStatus")).isEqualTo(200);
    });
    assertThat(variable(leadScore, "crmBody")).asString().contains("demo-crm-" + customer).contains("leadScoreChange");
    assertThat(variable(audience, "crmBody")).asString().contains("demo-crm-" + lead).contains("remarketingAudience");
  }

  private ProcessInstance startAt(String journey, String activityId, Map<String, Object> variables) {
    return runtimeService.createProcessInstanceByKey(journey).businessKey(String.valueOf(variables.get("contactId")))
        .setVariables(variables).startBeforeActivity(activityId).execute();
  }

  private Object variable(ProcessInstance journey, String name) {
    var variable = historyService.createHistoricVariableInstanceQuery().processInstanceId(journey.getId())
        .variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }
}
