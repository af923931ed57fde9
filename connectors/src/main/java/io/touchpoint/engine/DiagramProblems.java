package io.touchpoint.engine;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.BpmnParseFactory;

/**
 * Every problem Touchpoint finds in a diagram, refused together: the engine's parse stops at the first exception a
 * parse listener throws, so each check hands its problem to the parse in progress instead, which lists them all in
 * one {@link org.camunda.bpm.engine.ParseException}, beside its own, each naming its element. An analyst fixes a
 * diagram in one round, not one problem per deployment.
 */
final class DiagramProblems implements BpmnParseFactory {

  /** The parse running on this thread; a listener is called on the deploying thread, within the parse. */
  private final ThreadLocal<BpmnParse> current = new ThreadLocal<>();

  @Override
  public BpmnParse createBpmnParse(BpmnParser parser) {
    return new BpmnParse(parser) {
      @Override
      protected void parseRootElement() {
        current.set(this);
        try {
          super.parseRootElement();
        } finally {
          current.remove();
        }
      }
    };
  }

  /**
   * Runs one check of a diagram.
   *
   * @return whether it passed; its problem is listed, or thrown where no parse of ours collects problems (an
   *     engine that keeps a parse factory of its own)
   */
  boolean check(Runnable check) {
    try {
      check.run();
      return true;
    } catch (BpmnParseException problem) {
      BpmnParse parse = current.get();
      if (parse == null) {
        throw problem;
      }
      parse.addError(problem);
      return false;
    }
  }
}
