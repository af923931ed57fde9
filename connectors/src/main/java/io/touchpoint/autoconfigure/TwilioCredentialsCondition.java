package io.touchpoint.autoconfigure;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when both {@code touchpoint.twilio.account-sid} and {@code auth-token} have a value. */
class TwilioCredentialsCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return StringUtils.hasText(context.getEnvironment().getProperty("touchpoint.twilio.account-sid"))
        && StringUtils.hasText(context.getEnvironment().getProperty("touchpoint.twilio.auth-token"));
  }
}
