package io.touchpoint.journey;

import java.util.List;

/**
 * The contact fields a channel task's recipient field reads ({@code ${phone}}), as process variables of the same
 * names. A journey's expressions see an address its contact does not have as null.
 */
public final class ContactAddresses {

  public static final List<String> VARIABLES = List.of("phone", "whatsapp", "email", "pushToken");

  private ContactAddresses() {
  }
}
