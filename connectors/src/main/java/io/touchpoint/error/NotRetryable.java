package io.touchpoint.error;


/**
 * Marks a failure no retry can mend (a forbidden webhook target, an unknown secret): the job's
 * retries are spent at once, so it becomes a Cockpit incident instead of failing again later.
 */
public interface NotRetryable {
}
