package io.touchpoint.governor;

import io.touchpoint.delivery.Channel;
import java.time.Duration;
import java.time.Instant;

/**
 * A send as the governor sees it.
 *
 * @param timeZone   the contact's IANA time zone, or null for the default
 * @param holdAtMost the longest the task lets it be held, counted from {@code firstDue}
 * @param firstDue   when the send was first due (its first decision)
 */
public record GovernedSend(String contactId, String timeZone, Channel channel, String journeyKey, MessageType type,
    Duration holdAtMost, Instant firstDue) {
}
