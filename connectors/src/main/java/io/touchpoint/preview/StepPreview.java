package io.touchpoint.preview;

import java.util.List;

/**
 * One send step rendered for a contact: what its channel connector would hand the provider, or what stops it.
 *
 * @param rendered the connector's prepared input (texts, subject, HTML, buttons, push payload...); null when an
 *                 error stopped the rendering
 * @param errors   what is wrong, each naming the step and the input: a FreeMarker error, an invalid input, an
 *                 opted-out recipient, a channel without provider settings
 */
record StepPreview(String id, String name, String channel, Record rendered, List<String> errors) {
}
