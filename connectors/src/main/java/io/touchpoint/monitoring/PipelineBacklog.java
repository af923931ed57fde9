package io.touchpoint.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.touchpoint.pipeline.SendPipeline;
import java.util.List;

/**
 * {@code touchpoint_pipeline_backlog{provider}}: sends queued in this node's lane of each provider;
 * {@code touchpoint_pipeline_unrecorded}: provider answers this node has not recorded yet (at
 * {@code touchpoint.pipeline.unrecorded-answers}, the node records slower than its providers answer).
 */
public class PipelineBacklog implements MeterBinder {

  private final SendPipeline pipeline;
  private final List<String> providers;

  public PipelineBacklog(SendPipeline pipeline, List<String> providers) {
    this.pipeline = pipeline;
    this.providers = List.copyOf(providers);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    providers.forEach(provider -> Gauge.builder("touchpoint.pipeline.backlog", pipeline,
            lanes -> lanes.backlog().getOrDefault(provider, 0))
        .description("Sends queued for a provider on this node").tag("provider", provider).register(registry));
    Gauge.builder("touchpoint.pipeline.unrecorded", pipeline, SendPipeline::unrecordedAnswers)
        .description("Provider answers this node has not recorded yet").register(registry);
  }
}
