package io.touchpoint.privacy;

import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.InvalidRequestException.FieldProblem;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/contacts/{id}}: an erasure request (API key). Answers 204 once the contact's personal data is
 * erased, and the same for a contact already erased or never seen, so the call can be repeated safely.
 */
@RestController
public class ContactController {

  /** The longest contact id the event API accepts; no longer one can have data here. */
  static final int MAX_ID_LENGTH = 255;

  private final ContactErasure erasure;

  public ContactController(ContactErasure erasure) {
    this.erasure = erasure;
  }

  @DeleteMapping("/api/contacts/{id}")
  public ResponseEntity<Void> erase(@PathVariable String id) {
    if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
      throw new InvalidRequestException(List.of(new FieldProblem("id",
          "must be a contact id of 1 to " + MAX_ID_LENGTH + " characters")));
    }
    erasure.erase(id);
    return ResponseEntity.noContent().build();
  }
}
