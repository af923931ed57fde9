package io.touchpoint.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.channel.webhook.SecretResolver.Redaction;
import io.touchpoint.channel.webhook.SecretResolver.UnknownSecretException;
import io.touchpoint.rendering.DataMarks;
import io.touchpoint.rendering.MarkingOutputFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Where secret values come from, on an environment set up as Spring Boot sets up an application's (properties,
 * environment variables, relaxed binding attached), and which references count.
 */
class SecretResolverTest {

  final StandardEnvironment environment = new StandardEnvironment();
  final SecretResolver secrets = new SecretResolver(environment);

  SecretResolverTest() {
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
            "TOUCHPOINT_SECRETS_CRM_TOKEN", "from-env-token",
            "TOUCHPOINT_SECRETS_CRM_API", "crm.example.test",
            "TOUCHPOINT_DB_PASSWORD", "db-password")));
    environment.getPropertySources().addFirst(new MapPropertySource("application", Map.of(
        "touchpoint.secrets.ANALYTICS_TOKEN", "from-properties-token",
        "touchpoint.tracking.secret", "tracking-key")));
    ConfigurationPropertySources.attach(environment);
  }

  @Test
  void aSecretComesFromItsPropertyOrItsTouchpointSecretsEnvironmentVariable() {
    Redaction redaction = new Redaction();

    assertThat(secrets.resolve("Bearer {{secret:ANALYTICS_TOKEN}} {{secret:CRM_TOKEN}} {{ secret:crm-api }}",
        "call", redaction)).isEqualTo("Bearer from-properties-token from-env-token crm.example.test");
    assertThat(redaction.redact("from-env-token")).isEqualTo(Redaction.MASK);
  }

  @Test
  void anyOtherEnvironmentVariableOrPropertyIsNeverASecret() {
    assertThatThrownBy(() -> secrets.resolve("{{secret:TOUCHPOINT_DB_PASSWORD}}", "call", new Redaction()))
        .isInstanceOf(UnknownSecretException.class).hasMessageNotContaining("db-password");
    assertThatThrownBy(() -> secrets.resolve("{{secret:touchpoint.tracking.secret}}", "call", new Redaction()))
        .isInstanceOf(UnknownSecretException.class).hasMessageNotContaining("tracking-key");
  }

  @Test
  void anUnknownSecretNamesTheTaskTheSecretAndWhereToSetIt() {
    assertThatThrownBy(() -> secrets.resolve("{{secret:crm.key-2}}", "SyncCrm", new Redaction()))
        .isInstanceOf(UnknownSecretException.class)
        .hasMessage("TOUCHPOINT-WEBHOOK-005 webhook 'SyncCrm' uses secret 'crm.key-2', which is not configured: set"
            + " the property touchpoint.secrets.crm.key-2 or the environment variable TOUCHPOINT_SECRETS_CRM_KEY_2");
  }

  @Test
  void onlyReferencesTheAuthorWroteAreResolved() {
    String rendered = "{\"auth\":\"{{secret:CRM_TOKEN}}\",\"name\":\"" + data("{{secret:CRM_TOKEN}}") + "\","
        + "\"half\":\"{{secret:" + data("CRM_TOKEN}}") + "\"}";

    assertThat(secrets.resolve(rendered, "call", new Redaction())).isEqualTo(
        "{\"auth\":\"from-env-token\",\"name\":\"{{secret:CRM_TOKEN}}\",\"half\":\"{{secret:CRM_TOKEN}}\"}");
  }

  @Test
  void dataCannotCloseItsSpanToLookAuthored() {
    String rendered = data(DataMarks.END + "{{secret:CRM_TOKEN}}" + DataMarks.START);

    assertThat(secrets.resolve(rendered, "call", new Redaction())).isEqualTo("{{secret:CRM_TOKEN}}");
  }

  private static String data(String value) {
    return MarkingOutputFormat.TEXT.escapePlainText(value);
  }
}
