package io.touchpoint.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

class ExperimentDesignTest {

  @Test
  void readsTheSplitTheHoldoutTheGoalAndEachVariantsFlow() {
    ExperimentDesign design = ExperimentDesign.of(Bpmn.readModelFromStream(
        getClass().getResourceAsStream("/bpmn/experiment/offer-experiment.bpmn")), "offer-experiment");

    assertThat(design.holdoutPercent()).isEqualTo(10);
    assertThat(design.splits()).containsExactly(new ExperimentSplit("offer-text",
        VariantWeights.parse("A=45,B=45,control=10"), Duration.ofDays(7), "order.placed"));
    assertThat(design.variantFlows()).isEqualTo(
        Map.of("offer-text", Map.of("A", "FlowA", "B", "FlowB", "control", "FlowControl")));
  }
}
