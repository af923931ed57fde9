package io.touchpoint.repair;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code {"action":"retry"|"skip"|"move"|"cancel","step":"Hello","contacts":["u-1"],"to":"Gate","reason":"…"}}:
 * repair the contacts at one step. Without {@code contacts}, every contact at the step (there longer than
 * {@code olderThan}, an ISO-8601 duration, when given).
 */
public record RepairRequest(@NotBlank String action, @NotBlank @Size(max = 255) String step,
    @Size(min = 1, max = 10_000) List<@NotBlank String> contacts, @Size(max = 255) String to,
    @NotBlank @Size(max = 1000) String reason, String olderThan) {
}
