package io.touchpoint.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.testapp.JourneyTest;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * STOP, CANCEL, YES... are consent keywords only when nobody asked a question: while a journey waits
 * for the contact's reply on that channel, or when a button was pressed, they are the answer.
 */
class ConsentKeywordsTest extends JourneyTest {

  @Autowired
  ConsentRegistry consent;

  String phone;

  @BeforeEach
  void deployJourneys() {
    deploy("bpmn/sms-question.bpmn", "bpmn/whatsapp-offer.bpmn");
    phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
  }

  @Test
  void cancelTypedWhileAJourneyAwaitsTheAnswerIsTheAnswerNotAnOptOut() {
    ProcessInstance question = ask(phone);

    assertThat(contactTexts(phone, "Cancel").statusCode()).isEqualTo(200);

    assertThat(question).hasPassed("Replied", "EndAnswered").isEnded();
    assertThat(historicVariable(question, "replyText")).isEqualTo("Cancel");
    assertThat(consent.isOptedOut(Channel.SMS, phone)).isFalse();
  }

  @Test
  void stopTypedWhileAJourneyAwaitsTheAnswerIsTheAnswerToo() {
    ProcessInstance question = ask(phone);

    contactTexts(phone, "STOP");

    assertThat(question).hasPassed("Replied").isEnded();
    assertThat(consent.isOptedOut(Channel.SMS, phone)).isFalse();
  }

  @Test
  void cancelTypedOnceTheJourneyNoLongerWaitsOptsOut() {
    ProcessInstance question = ask(phone);
    timePasses(Duration.ofMinutes(61), question);
    assertThat(question).hasPassed("NoAnswer").isEnded();

    contactTexts(phone, "Cancel!");

    assertThat(consent.isOptedOut(Channel.SMS, phone)).isTrue();
  }

  @Test
  void aWaitForAWhatsAppReplyDoesNotMakeAnSmsKeywordAnAnswer() {
    ProcessInstance offer = offerReadOnWhatsApp(phone);
    assertThat(offer).isWaitingAt("ReplyOutcome");

    contactTexts(phone, "STOP");

    assertThat(consent.isOptedOut(Channel.SMS, phone)).isTrue();
    assertThat(consent.isOptedOut(Channel.WHATSAPP, "whatsapp:" + phone)).isFalse();
    assertThat(offer).isWaitingAt("ReplyOutcome");
  }

  @Test
  void aPressedQuickReplyButtonIsAnAnswerEvenWhenNoJourneyWaits() {
    ProcessInstance offer = offerReadOnWhatsApp(phone);
    timePasses(Duration.ofHours(7), offer);
    assertThat(offer).isEnded();

    contactAnswersOnWhatsApp("whatsapp:" + phone, "Cancel", null, "CANCEL");

    assertThat(consent.isOptedOut(Channel.WHATSAPP, "whatsapp:" + phone)).isFalse();
    assertThat(ledger.statuses(deliveryOf(offer, "Offer").id())).contains(DeliveryStatus.REPLIED);
  }

  private ProcessInstance ask(String phone) {
    String contact = "q-" + UUID.randomUUID();
    assertThat(sendEvent("""
        {"name":"test.question","contact":{"id":"%s","phone":"%s"}}""".formatted(contact, phone)).statusCode())
        .isEqualTo(202);
    ProcessInstance question = instanceOf("sms-question", contact);
    runDueJobs(question);
    assertThat(question).isWaitingAt("Answer");
    return question;
  }

  private ProcessInstance offerReadOnWhatsApp(String phone) {
    String contact = "wa-" + UUID.randomUUID();
    assertThat(sendEvent("""
        {"name":"test.whatsapp","contact":{"id":"%s","phone":"%s","firstName":"Ana"},
         "data":{"sessionText":"Shall we keep your size for you?"}}""".formatted(contact, phone)).statusCode())
        .isEqualTo(202);
    ProcessInstance offer = instanceOf("whatsapp-offer", contact);
    runDueJobs(offer);
    twilioReportsStatus(deliveryOf(offer, "Offer").providerMessageId(), "read");
    return offer;
  }

  private Object historicVariable(ProcessInstance instance, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }
}
