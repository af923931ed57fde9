package io.touchpoint.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.testapp.DeployTimeEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An experiment split or holdout that cannot be measured is refused at deploy, naming the element. */
@ExtendWith(DeployTimeEngine.class)
class ExperimentDeploymentTest {

  private static final String WEIGHTS = "value=\"A=45,B=45,control=10\"";

  /** Set by the extension. */
  ProcessEngine engine;
  RepositoryService repositoryService;

  @BeforeEach
  void services() {
    repositoryService = engine.getRepositoryService();
  }

  @Test
  void weightsThatDoNotAddUpTo100AreRefused() {
    assertRefused(offer().replace(WEIGHTS, "value=\"A=45,B=40,control=10\""), "OfferText",
        "has weights 'A=45,B=40,control=10': the weights add up to 95, not 100");
  }

  @Test
  void weightsWithoutAControlAreRefused() {
    assertRefused(offer().replace(WEIGHTS, "value=\"A=50,B=50\""), "OfferText",
        "there is no 'control' variant to compare the others with");
  }

  @Test
  void weightsNotWrittenAsVariantEqualsPercentAreRefused() {
    assertRefused(offer().replace(WEIGHTS, "value=\"A: 45, B: 45, control: 10\""), "OfferText",
        "'A: 45' is not a variant and its weight in percent, such as A=45");
  }

  @Test
  void anUnnamedFlowIsRefused() {
    assertRefused(offer().replace("name=\"B\" ", ""), "OfferText", "has an unnamed outgoing flow 'FlowB'");
  }

  @Test
  void twoFlowsNamedAlikeAreRefused() {
    assertRefused(offer().replace("name=\"B\" ", "name=\"A\" "), "OfferText", "has two outgoing flows named 'A'");
  }

  @Test
  void aFlowWithoutAWeightIsRefused() {
    assertRefused(offer().replace("name=\"B\" ", "name=\"C\" "), "OfferText",
        "has a flow named 'C' but no weight for it");
  }

  @Test
  void aWeightWithoutAFlowIsRefused() {
    assertRefused(offer().replace(WEIGHTS, "value=\"A=40,B=40,C=10,control=10\""), "OfferText",
        "weights C but has no outgoing flow named so");
  }

  @Test
  void aSplitInAJourneyWithoutAGoalIsRefused() {
    assertRefused(offer().replace("value=\"goal\"", "value=\"completed\""), "OfferText",
        "needs a goal to count conversions");
  }

  @Test
  void aConversionWindowThatIsNoDurationIsRefused() {
    assertRefused(offer().replace("value=\"P7D\"", "value=\"a week\""), "OfferText",
        "has conversion window 'a week'");
  }

  @Test
  void aHoldoutOverHalfTheContactsIsRefused() {
    assertRefused(offer().replace("name=\"touchpoint.holdout\" value=\"10\"", "name=\"touchpoint.holdout\" value=\"60\""),
        "OfferRequested", "has holdout '60'; expected a whole percentage from 0 to 50");
  }

  @Test
  void aHoldoutOnAnotherStartEventIsRefused() {
    assertRefused(offer().replace("<camunda:property name=\"touchpoint.awaitEvent\" value=\"order.placed\" />",
            "<camunda:property name=\"touchpoint.awaitEvent\" value=\"order.placed\" />\n"
            + "            <camunda:property name=\"touchpoint.holdout\" value=\"10\" />"),
        "OrderPlaced", "only the Journey start (the one a business event starts) can hold contacts out");
  }

  private void assertRefused(String bpmn, String elementId, String sentence) {
    long before = repositoryService.createDeploymentQuery().count();
    assertThatThrownBy(() -> repositoryService.createDeployment().addString("journey.bpmn", bpmn).deploy())
        .isInstanceOf(ParseException.class)
        .hasMessageContaining(elementId)
        .hasMessageContaining(sentence)
        .satisfies(e -> assertThat(((ParseException) e).getResorceReports().get(0).getErrors())
            .anySatisfy(problem -> assertThat(problem.getMainElementId()).isEqualTo(elementId)));
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  private static String offer() {
    try (InputStream in = ExperimentDeploymentTest.class.getResourceAsStream("/bpmn/experiment/offer-experiment.bpmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
