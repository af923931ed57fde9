package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import io.touchpoint.governor.ProviderBudget;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Just before calling, a lane reads whether its provider is paused. When that read fails (the database is out of
 * reach), the call is not made, so the provider cannot have the message: the send goes out once, seconds later, and
 * spends none of its task's retries (R3/PT5M in this journey).
 */
@TestPropertySource(properties = {
    "touchpoint.governor.throttle-refresh=0s",
    "touchpoint.pipeline.heartbeat=2s", "touchpoint.pipeline.dead-after=6s"})
class CallNotMadeTest extends JourneyTest {

  @MockitoSpyBean
  ProviderBudget budget;

  @Test
  void aSendWhoseLaneCouldNotReadItsProvidersPauseGoesOutOnceSecondsLaterWithoutSpendingARetry() {
    deploy("bpmn/send-with-hook.bpmn");
    TWILIO_MESSAGES.clear();
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    String phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
    ProcessInstance journey = kimSignsUpForTheHookJourney(phone);
    theDatabaseIsOutOfReachForTheLanesNextRead();

    sendTasksRun(List.of(journey));
    awaitSendPipeline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).isEmpty();
    Job retry = managementService.createJobQuery().processInstanceId(journey.getId()).singleResult();
    assertThat(retry.getExceptionMessage()).contains("TOUCHPOINT-PIPELINE-010 twilio was not called");
    timePasses(CallNotMadeException.RETRY_AFTER, journey);
    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
    assertThat(touchpointJdbc.sql("select attempts from tp_delivery where process_instance_id = ?")
        .param(journey.getId()).query(Integer.class).single()).as("the attempt not made is not counted").isOne();
  }

  private void theDatabaseIsOutOfReachForTheLanesNextRead() {
    AtomicBoolean once = new AtomicBoolean(true);
    doAnswer(read -> {
      if (Thread.currentThread().getName().startsWith("touchpoint-send-") && once.getAndSet(false)) {
        throw new DataAccessResourceFailureException("the database is out of reach");
      }
      return read.callRealMethod();
    }).when(budget).pausedUntil(anyString());
  }
}
