package io.touchpoint.provider;

import io.touchpoint.delivery.Delivery;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A send whose provider call began but whose answer was never recorded (its node died during the call).
 *
 * @param startedAt         when the call began; the provider's record of the message cannot be older
 * @param recordedElsewhere whether a provider message id already belongs to another send in the ledger
 * @param round             the lost attempts reconciled with the same provider in the same run, this one among them
 */
public record LostAttempt(Delivery delivery, Instant startedAt, Predicate<String> recordedElsewhere,
    LookupRound round) {
}
