package io.touchpoint.delivery;

import java.util.function.Supplier;

/**
 * The moment by which the provider call a thread is making must have gone out. A node makes a send's call only
 * within the call deadline after marking it: held up longer, it may have been presumed dead, and the send taken
 * over, looked up at the provider, not found and made by another node. The lane checks before it calls; a provider's
 * client checks again once its connection is ready, right before it writes the request, so that a node paused
 * in between (a container paused, a long collector pause, a starved CPU) does not send the message when it resumes.
 * Outside a lane's call (a look at the provider's list) there is no deadline.
 */
public class CallDeadline {

  private final ThreadLocal<Long> deadlineNanos = new ThreadLocal<>();

  /** Makes the call on this thread, to go out by {@code deadlineNanos} ({@link System#nanoTime()}). */
  public <T> T callBy(long deadlineNanos, Supplier<T> call) {
    this.deadlineNanos.set(deadlineNanos);
    try {
      return call.get();
    } finally {
      this.deadlineNanos.remove();
    }
  }

  /**
   * At the last moment before a request is written.
   *
   * @throws CallTooLateException when this thread's call has passed its deadline: nothing was written
   */
  public void checkStillInTime() {
    Long deadline = deadlineNanos.get();
    if (deadline != null && System.nanoTime() - deadline > 0) {
      throw new CallTooLateException();
    }
  }

  /** The call's deadline passed before its request was written: the call was not made. */
  public static class CallTooLateException extends RuntimeException {

    CallTooLateException() {
      super("the call's deadline passed before its request was written", null, false, false);
    }
  }
}
