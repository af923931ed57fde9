package io.touchpoint.channel.push;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Input of the push channel task: one notification for Android, iOS (APNs through FCM) and web
 * alike, with the per-platform settings FCM takes. Title and body are rendered with FreeMarker.
 * The element template is checked against this record in the test suite.
 *
 * @param to          the device's FCM registration token, usually {@code ${pushToken}}; several tokens
 *                    (a contact's devices) separated by commas or white space (see {@link DeviceTokens})
 * @param priority    {@code high} or {@code normal}
 * @param timeToLive  how long FCM keeps an undelivered notification, ISO-8601 (PT1H)
 * @param collapseKey notifications with the same key replace each other
 * @param badge       iOS badge count
 * @param link        https URL opened when the notification is tapped
 * @param data        extra data for the app, one {@code key=value} per line
 * @param deliveryGuarantee what happens when the node sending died before FCM's answer was recorded (FCM cannot
 *                    be asked): {@code at-most-once} (default) counts it as not sent, {@code at-least-once} sends again
 */
public record PushMessage(
    @NotBlank @Size(max = 20000) @DeviceTokens String to,
    @NotBlank @Size(max = 200) String title,
    @Size(max = 4000) String body,
    @Pattern(regexp = "high|normal", message = "must be high or normal") String priority,
    @Pattern(regexp = "P(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?", message = "must be an ISO-8601 duration such as PT1H") String timeToLive,
    @Size(max = 100) String collapseKey,
    @Size(max = 100) String sound,
    @Pattern(regexp = "\\d{1,5}", message = "must be a number") String badge,
    @Size(max = 500) String icon,
    @Pattern(regexp = "https://\\S+", message = "must be an https URL") String link,
    @Size(max = 4000) String data,
    @Pattern(regexp = "at-least-once|at-most-once", message = "must be at-least-once or at-most-once") String deliveryGuarantee) {

  /** Whether a notification whose answer was lost may be sent again. */
  public boolean atLeastOnce() {
    return "at-least-once".equals(deliveryGuarantee);
  }

  /** The device tokens {@code to} names. */
  public List<String> tokens() {
    return DeviceTokens.Validator.tokens(to);
  }

}
