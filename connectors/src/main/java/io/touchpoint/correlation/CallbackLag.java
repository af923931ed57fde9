package io.touchpoint.correlation;

import java.time.Duration;

/** How long a provider's status took from happening to being recorded here (metrics; nothing without a registry). */
public interface CallbackLag {

  CallbackLag NONE = (provider, lag) -> {
  };

  void recorded(String provider, Duration lag);
}
