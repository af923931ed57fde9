package io.touchpoint.autoconfigure;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Provider;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** The settings a channel lacks to reach its provider ({@link Channel#settings()}), as an operator sets them. */
final class MissingProviderSettings {

  private MissingProviderSettings() {
  }

  static List<String> of(Channel channel, Environment environment) {
    return channel.settings().stream()
        .filter(setting -> setting.anyOf().stream().noneMatch(name -> StringUtils.hasText(environment.getProperty(name))))
        .map(Provider.Setting::toString)
        .toList();
  }
}
