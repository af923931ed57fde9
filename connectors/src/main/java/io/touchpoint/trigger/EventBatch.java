package io.touchpoint.trigger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Many events at once, e.g. a campaign launch to an audience. */
public record EventBatch(@NotEmpty @Size(max = 10_000) List<@Valid JourneyEvent> events) {
}
