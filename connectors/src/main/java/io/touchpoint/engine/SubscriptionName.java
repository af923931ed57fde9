package io.touchpoint.engine;

import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.delivery.DeliveryStatus;
import java.util.Objects;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.Expression;

/**
 * The message name a Touchpoint catch event's subscription gets when an execution starts waiting: the delivery id
 * of the send before it, or the journey's contact, joined to a fixed text. The engine's EL would make it with a
 * reflective method lookup, about 90 µs of CPU per subscription in a campaign; this reads the execution directly,
 * in about 10 µs, and gives the same name (docs/performance.md). Outside an execution it evaluates the EL it stands
 * for, as the engine would.
 */
final class SubscriptionName implements Expression {

  private final Expression el;
  private final Function<DelegateExecution, String> name;

  private SubscriptionName(Expression el, Function<DelegateExecution, String> name) {
    this.el = el;
    this.name = name;
  }

  /** The name of one status of the latest delivery of a channel task. While the engine parses or runs a command. */
  static SubscriptionName ofStatus(String channelTaskId, DeliveryStatus status) {
    String delivery = StatusMessages.deliveryVariable(channelTaskId);
    return new SubscriptionName(el(StatusMessages.messageNameExpression(channelTaskId, status)),
        execution -> StatusMessages.messageName(orEmpty(execution.getVariable(delivery)), status));
  }

  /** The name of a business event for the journey's contact. While the engine parses or runs a command. */
  static SubscriptionName ofBusinessEvent(String eventName) {
    return new SubscriptionName(el(StatusMessages.businessEventMessageNameExpression(eventName)),
        execution -> StatusMessages.businessEventMessageName(eventName, orEmpty(execution.getProcessBusinessKey())));
  }

  private static Expression el(String text) {
    return Context.getProcessEngineConfiguration().getExpressionManager().createExpression(text);
  }

  /** EL turns a missing value into an empty text; so does this, so that the names stay the same. */
  private static String orEmpty(Object value) {
    return Objects.toString(value, "");
  }

  @Override
  public Object getValue(VariableScope scope) {
    return scope instanceof DelegateExecution execution ? name.apply(execution) : el.getValue(scope);
  }

  @Override
  public Object getValue(VariableScope scope, BaseDelegateExecution contextExecution) {
    return scope instanceof DelegateExecution execution ? name.apply(execution) : el.getValue(scope, contextExecution);
  }

  @Override
  public void setValue(Object value, VariableScope scope) {
    el.setValue(value, scope);
  }

  @Override
  public void setValue(Object value, VariableScope scope, BaseDelegateExecution contextExecution) {
    el.setValue(value, scope, contextExecution);
  }

  @Override
  public String getExpressionText() {
    return el.getExpressionText();
  }

  @Override
  public boolean isLiteralText() {
    return false;
  }
}
