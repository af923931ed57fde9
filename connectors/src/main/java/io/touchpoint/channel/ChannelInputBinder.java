package io.touchpoint.channel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Binds a connector's input record from the task's local variables (its input parameters, i.e.
 * the element template's fields) and validates it with the record's own constraints — after the
 * connector had the chance to complete it ({@link ChannelConnector#prepare}).
 */
public class ChannelInputBinder {

  private final ObjectMapper mapper;
  private final Validator validator;

  public ChannelInputBinder(ObjectMapper mapper, Validator validator) {
    this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.validator = validator;
  }

  /** The record as the task's input parameters give it, not yet validated. */
  public <I extends Record> I bind(DelegateExecution execution, Class<I> inputType) {
    return bind(execution.getVariablesLocal(), inputType);
  }

  /** The record from the task's local variables as read outside the engine (a send prepared again after a crash). */
  public <I extends Record> I bind(Map<String, Object> localVariables, Class<I> inputType) {
    Map<String, Object> values = new HashMap<>();
    for (RecordComponent component : inputType.getRecordComponents()) {
      values.put(component.getName(), localVariables.get(component.getName()));
    }
    try {
      return mapper.convertValue(values, inputType);
    } catch (IllegalArgumentException unreadable) {
      throw new InvalidChannelInputException(List.of("inputs do not fit " + inputType.getSimpleName() + ": "
          + unreadable.getMessage()));
    }
  }

  public <I extends Record> I validate(I input) {
    var violations = validator.validate(input);
    if (!violations.isEmpty()) {
      throw new InvalidChannelInputException(violations.stream()
          .map(ChannelInputBinder::describe).sorted().toList());
    }
    return input;
  }

  private static String describe(ConstraintViolation<?> violation) {
    return violation.getPropertyPath() + " " + violation.getMessage();
  }
}
