package io.touchpoint.error;

/**
 * Every code Touchpoint puts in front of a log line or an error message, in one place. The code is what users see
 * and search for ({@code TOUCHPOINT-SEND-005}); docs/errors.md says for each what causes it and what to do. A code
 * is never reused for something else once it has been shipped: retired codes are listed there too.
 *
 * <p>A constant reads as its code, so a message is written {@code ErrorCode.SEND_005 + " channel sms has no
 * provider: …"}.
 */
public enum ErrorCode {

  // startup and configuration
  START_001("TOUCHPOINT-START-001", "a channel is live or simulated"),
  START_002("TOUCHPOINT-START-002", "a channel has no provider"),
  START_003("TOUCHPOINT-START-003", "the engine keeps the application's own expression manager"),
  START_004("TOUCHPOINT-START-004", "an index on the engine's jobs could not be created"),
  START_005("TOUCHPOINT-START-005", "PostgreSQL keeps a dead node's transactions open"),
  START_006("TOUCHPOINT-START-006", "the application's own Twilio client has no last-moment deadline check"),
  CONFIG_003("TOUCHPOINT-CONFIG-003", "email needs a sender address"),
  CONFIG_004("TOUCHPOINT-CONFIG-004", "a bounce mailbox needs a bounce address"),
  CONFIG_005("TOUCHPOINT-CONFIG-005", "the email templates folder cannot be read"),
  CONFIG_006("TOUCHPOINT-CONFIG-006", "the FCM credentials file cannot be read"),
  CONFIG_007(Constants.CONFIG_007, "the public base URL is not set"),
  CONFIG_008(Constants.CONFIG_008, "the tracking secret is not set"),
  CONFIG_009("TOUCHPOINT-CONFIG-009", "a keyword is both an opt-out and an opt-in keyword"),
  CONFIG_010("TOUCHPOINT-CONFIG-010", "the quiet hours are not HH:MM-HH:MM"),
  CONFIG_011("TOUCHPOINT-CONFIG-011", "a frequency cap is not <count>/<duration> for all or a channel"),
  CONFIG_012("TOUCHPOINT-CONFIG-012", "a provider rate limit is not <count>/<duration> for a provider"),
  CONFIG_013("TOUCHPOINT-CONFIG-013", "dead-after is not more than twice the heartbeat"),
  CONFIG_014("TOUCHPOINT-CONFIG-014", "stale-after is shorter than a call may take to go out"),

  // Touchpoint's database tables
  SCHEMA_001("TOUCHPOINT-SCHEMA-001", "a schema script failed"),
  SCHEMA_002("TOUCHPOINT-SCHEMA-002", "a schema script was applied"),
  SCHEMA_003("TOUCHPOINT-SCHEMA-003", "a schema script is misnamed"),
  SCHEMA_004("TOUCHPOINT-SCHEMA-004", "tables that outgrew their planner statistics were analyzed"),

  // deploying journeys
  DEPLOY_001("TOUCHPOINT-DEPLOY-001", "a channel task uses a channel that is not installed"),
  DEPLOY_002("TOUCHPOINT-DEPLOY-002", "a task's retries are not a retry cycle"),
  DEPLOY_003("TOUCHPOINT-DEPLOY-003", "a channel task misses a required field"),
  DEPLOY_004("TOUCHPOINT-DEPLOY-004", "a Journey start is not the process's plain start event"),
  DEPLOY_005("TOUCHPOINT-DEPLOY-005", "a Journey start has an unknown re-entry rule"),
  DEPLOY_006("TOUCHPOINT-DEPLOY-006", "a status catch waits for a status its channel never reports"),
  DEPLOY_007("TOUCHPOINT-DEPLOY-007", "a status catch waits for something that is not a delivery status"),
  DEPLOY_008("TOUCHPOINT-DEPLOY-008", "a status catch has no single send before it"),
  DEPLOY_009("TOUCHPOINT-DEPLOY-009", "a Touchpoint catch template sits on an event that is not a message event"),
  DEPLOY_010("TOUCHPOINT-DEPLOY-010", "a Journey end has an unknown outcome"),
  DEPLOY_011("TOUCHPOINT-DEPLOY-011", "a business event name the event API never accepts"),
  DEPLOY_012("TOUCHPOINT-DEPLOY-012", "a channel task has an unknown message type"),
  DEPLOY_013("TOUCHPOINT-DEPLOY-013", "a channel task's hold limit is not a duration"),
  DEPLOY_014("TOUCHPOINT-DEPLOY-014", "an experiment split cannot be measured"),
  DEPLOY_015("TOUCHPOINT-DEPLOY-015", "a journey's holdout is not a whole percentage from 0 to 50"),
  DEPLOY_016("TOUCHPOINT-DEPLOY-016", "a journey's shadow mode is neither true nor false, or not on its Journey start"),

  // business events and campaign launches
  EVENT_001("TOUCHPOINT-EVENT-001", "an event's stored answer is unreadable"),
  LAUNCH_001("TOUCHPOINT-LAUNCH-001", "a launch's stored event is unreadable"),
  LAUNCH_002("TOUCHPOINT-LAUNCH-002", "a launch chunk could not be applied"),
  LAUNCH_003("TOUCHPOINT-LAUNCH-003", "an event of a launch could not be applied"),
  LAUNCH_004("TOUCHPOINT-LAUNCH-004", "a stopping node handed a launch chunk back"),
  LAUNCH_005("TOUCHPOINT-LAUNCH-005", "a slice of a launch was applied event by event"),

  // sending
  SEND_001("TOUCHPOINT-SEND-001", "no connector for a delivery's channel"),
  SEND_004("TOUCHPOINT-SEND-004", "a send was skipped"),
  SEND_005("TOUCHPOINT-SEND-005", "a channel has no provider, so its send fails"),
  SEND_006("TOUCHPOINT-SEND-006", "a provider call failed"),
  SEND_007("TOUCHPOINT-SEND-007", "the send governor holds a send"),
  SEND_008("TOUCHPOINT-SEND-008", "a journey in shadow mode recorded a send without sending it"),
  SEND_429("TOUCHPOINT-SEND-429", "a provider throttled the request"),
  PIPELINE_001("TOUCHPOINT-PIPELINE-001", "dispatching a provider's sends failed"),
  PIPELINE_002("TOUCHPOINT-PIPELINE-002", "a batch of answers conflicted"),
  PIPELINE_003("TOUCHPOINT-PIPELINE-003", "an answer could not be recorded"),
  PIPELINE_004("TOUCHPOINT-PIPELINE-004", "a provider lane is full"),
  PIPELINE_005("TOUCHPOINT-PIPELINE-005", "a send's journey is gone"),
  PIPELINE_006("TOUCHPOINT-PIPELINE-006", "reports that crossed a send's answer wait for the sweeper"),
  PIPELINE_007("TOUCHPOINT-PIPELINE-007", "a node stopped before making a call"),
  PIPELINE_008("TOUCHPOINT-PIPELINE-008", "a provider's 429 pause could not be shared"),
  PIPELINE_009("TOUCHPOINT-PIPELINE-009", "a call was held up too long after its send was marked"),
  PIPELINE_010("TOUCHPOINT-PIPELINE-010", "what a lane reads before a call could not be read"),
  HEALTH_001("TOUCHPOINT-HEALTH-001", "provider health could not be read"),
  RECOVERY_001("TOUCHPOINT-RECOVERY-001", "a node stopped beating and its sends were taken over"),
  RECOVERY_002("TOUCHPOINT-RECOVERY-002", "a send with a lost answer was reconciled"),
  RECOVERY_003("TOUCHPOINT-RECOVERY-003", "an at-most-once call's outcome is unknown"),
  RECOVERY_004("TOUCHPOINT-RECOVERY-004", "a send whose answer was lost had not reached its provider"),
  RECOVERY_005("TOUCHPOINT-RECOVERY-005", "a send's outcome stayed unknown: its provider could not say"),
  RECOVERY_006("TOUCHPOINT-RECOVERY-006", "a node left at a graceful stop and its sends were taken over"),
  RECOVERY_007("TOUCHPOINT-RECOVERY-007", "a silent node's database sessions were ended"),
  RECOVERY_008("TOUCHPOINT-RECOVERY-008", "a silent node's database sessions could not be ended"),
  RECOVERY_009("TOUCHPOINT-RECOVERY-009", "this node's database sessions are not named by Touchpoint"),
  RECOVERY_010("TOUCHPOINT-RECOVERY-010", "the database could not be reached as this node stopped"),

  // channels and providers
  RENDER_001("TOUCHPOINT-RENDER-001", "a text uses a template feature that is switched off"),
  EMAIL_001("TOUCHPOINT-EMAIL-001", "an email could not be built"),
  EMAIL_002("TOUCHPOINT-EMAIL-002", "an email template failed"),
  EMAIL_003("TOUCHPOINT-EMAIL-003", "an email attachment URL was refused"),
  EMAIL_004("TOUCHPOINT-EMAIL-004", "a relay's acceptance of an email could not be logged"),
  PUSH_001("TOUCHPOINT-PUSH-001", "FCM failed"),
  TWILIO_001("TOUCHPOINT-TWILIO-001", "Twilio refused a request"),
  TWILIO_002("TOUCHPOINT-TWILIO-002", "Twilio answered with a server error"),
  TWILIO_003("TOUCHPOINT-TWILIO-003", "Twilio's answer to a send was lost on the way"),
  WEBHOOK_001("TOUCHPOINT-WEBHOOK-001", "a webhook was answered"),
  WEBHOOK_002("TOUCHPOINT-WEBHOOK-002", "a webhook failed"),
  WEBHOOK_003("TOUCHPOINT-WEBHOOK-003", "a webhook's target was refused"),
  WEBHOOK_004("TOUCHPOINT-WEBHOOK-004", "a webhook's answer is not JSON"),
  WEBHOOK_005("TOUCHPOINT-WEBHOOK-005", "a webhook uses a secret that is not configured"),

  // statuses coming back
  SIMULATOR_001("TOUCHPOINT-SIMULATOR-001", "a simulated status report failed"),
  CALLBACK_001("TOUCHPOINT-CALLBACK-001", "a Twilio callback had a bad or missing signature"),
  STATUS_001("TOUCHPOINT-STATUS-001", "a status arrived before its send was recorded"),
  CORRELATE_001("TOUCHPOINT-CORRELATE-001", "a status still conflicted after its attempts"),
  CORRELATE_002("TOUCHPOINT-CORRELATE-002", "the sweeper settled owed statuses"),
  CORRELATE_004("TOUCHPOINT-CORRELATE-004", "a status could not be correlated"),
  CORRELATE_005("TOUCHPOINT-CORRELATE-005", "reconciling a status wait failed"),
  CORRELATE_006("TOUCHPOINT-CORRELATE-006", "a status was given up on"),
  CORRELATE_007("TOUCHPOINT-CORRELATE-007", "a status is correlated apart from its report"),
  CORRELATE_008("TOUCHPOINT-CORRELATE-008", "the sweeper applied reports left unmatched"),
  BOUNCE_001("TOUCHPOINT-BOUNCE-001", "a delivery status notification not sent to a VERP address"),
  BOUNCE_002("TOUCHPOINT-BOUNCE-002", "a delivery status notification names several deliveries"),
  BOUNCE_003("TOUCHPOINT-BOUNCE-003", "a delivery status notification has no recipient status"),
  BOUNCE_004("TOUCHPOINT-BOUNCE-004", "a bounce message could not be read"),
  BOUNCE_005("TOUCHPOINT-BOUNCE-005", "a bounce could not be recorded"),
  BOUNCE_006("TOUCHPOINT-BOUNCE-006", "a bounce message could not be marked seen"),
  BOUNCE_007("TOUCHPOINT-BOUNCE-007", "the bounce mailbox cannot be read"),
  BOUNCE_008("TOUCHPOINT-BOUNCE-008", "a message in the bounce mailbox is not one of ours"),
  BOUNCE_009("TOUCHPOINT-BOUNCE-009", "a bounce mailbox poll"),
  BOUNCE_101("TOUCHPOINT-BOUNCE-101", "a bounce report for an unknown delivery"),
  BOUNCE_102("TOUCHPOINT-BOUNCE-102", "a delivery was delayed"),

  // housekeeping and privacy
  SCHEDULE_001("TOUCHPOINT-SCHEDULE-001", "a periodic task failed"),
  RETENTION_001("TOUCHPOINT-RETENTION-001", "ledger rows of ended journeys were deleted"),
  PRIVACY_001("TOUCHPOINT-PRIVACY-001", "a journey was cancelled because its contact was erased"),
  PRIVACY_002("TOUCHPOINT-PRIVACY-002", "a contact was erased"),

  // experiments
  EXPERIMENT_001("TOUCHPOINT-EXPERIMENT-001", "an experiment group has no name"),
  EXPERIMENT_002("TOUCHPOINT-EXPERIMENT-002", "an experiment group's weight is not positive"),
  EXPERIMENT_003("TOUCHPOINT-EXPERIMENT-003", "an experiment group converted more than entered"),
  EXPERIMENT_004("TOUCHPOINT-EXPERIMENT-004", "alpha is not between 0 and 1"),
  EXPERIMENT_005("TOUCHPOINT-EXPERIMENT-005", "the control is not among the variants"),
  EXPERIMENT_006("TOUCHPOINT-EXPERIMENT-006", "two experiment groups have one name"),

  // operators' tools
  OPS_001("TOUCHPOINT-OPS-001", "an operator cancelled a journey"),
  OPS_002("TOUCHPOINT-OPS-002", "the engine refused a repair"),

  // the touchpoint-app distribution
  ACCESS_001("TOUCHPOINT-ACCESS-001", "the identity service is read-only"),
  ACCESS_002("TOUCHPOINT-ACCESS-002", "an access group was created"),
  DEMO_001("TOUCHPOINT-DEMO-001", "the demo CRM was called"),
  DEMO_002("TOUCHPOINT-DEMO-002", "the demo analytics endpoint was called");

  private final String code;
  private final String title;

  ErrorCode(String code, String title) {
    this.code = code;
    this.title = title;
  }

  /** @return the code as users see it, e.g. {@code TOUCHPOINT-SEND-005} */
  public String code() {
    return code;
  }

  /** @return what the code means, in a line (the heading of its entry in docs/errors.md) */
  public String title() {
    return title;
  }

  /** The code, so that a constant followed by text is the message users see. */
  @Override
  public String toString() {
    return code;
  }

  /** Codes an annotation attribute needs as compile-time constants (validation messages). */
  public static final class Constants {

    public static final String CONFIG_007 = "TOUCHPOINT-CONFIG-007";
    public static final String CONFIG_008 = "TOUCHPOINT-CONFIG-008";

    private Constants() {
    }
  }
}
