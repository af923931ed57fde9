package io.touchpoint.provider.smtp.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerpAddressTest {

  private static final String BOUNCES = "bounces@touchpoint.test";
  private static final String ID = "5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6f";

  @Test
  void buildsTheEnvelopeSenderOfOneDelivery() {
    assertThat(VerpAddress.of(BOUNCES, ID))
        .isEqualTo("bounces+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6f@touchpoint.test");
    assertThat(VerpAddress.of(BOUNCES, ID.toUpperCase()))
        .as("ids are written in lower case").isEqualTo(VerpAddress.of(BOUNCES, ID));
  }

  @Test
  void roundTrip() {
    for (int i = 0; i < 20; i++) {
      String id = UUID.randomUUID().toString();
      assertThat(VerpAddress.deliveryIdOf(BOUNCES, VerpAddress.of(BOUNCES, id))).contains(id);
    }
  }

  @Test
  void readsAddressesWhateverTheCaseAndWithAngleBrackets() {
    assertThat(VerpAddress.deliveryIdOf(BOUNCES,
        "BOUNCES+5B0C3F7E-9A41-4C1E-9D2A-1F3C2B4A5E6F@TouchPoint.TEST")).contains(ID);
    assertThat(VerpAddress.deliveryIdOf(BOUNCES, " <bounces+" + ID + "@touchpoint.test> "))
        .contains(ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "bounces@touchpoint.test",
      "bounces+@touchpoint.test",
      "bounces+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6f@other.test",
      "bounces+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6f@sub.touchpoint.test",
      "bouncesx+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6f@touchpoint.test",
      "noreply+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6f@touchpoint.test",
      "bounces+1-1-1-1-1@touchpoint.test",
      "bounces+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6@touchpoint.test",
      "bounces+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6fa@touchpoint.test",
      "bounces+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6g@touchpoint.test",
      "bounces+5b0c3f7e9a414c1e9d2a1f3c2b4a5e6f@touchpoint.test",
      "bounces+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6f",
      "Touchpoint <bounces+5b0c3f7e-9a41-4c1e-9d2a-1f3c2b4a5e6f@touchpoint.test>",
      "",
  })
  void refusesAddressesOfOtherMailboxesAndBadIds(String address) {
    assertThat(VerpAddress.deliveryIdOf(BOUNCES, address)).isEmpty();
  }

  @Test
  void refusesNull() {
    assertThat(VerpAddress.deliveryIdOf(BOUNCES, null)).isEmpty();
  }

  @Test
  void refusesToBuildFromBadInput() {
    assertThatThrownBy(() -> VerpAddress.of(BOUNCES, "42"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerpAddress.of(BOUNCES, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerpAddress.of("bounces", ID))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerpAddress.of("Bounces <bounces@touchpoint.test>", ID))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerpAddress.of("a@b@touchpoint.test", ID))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VerpAddress.of("x".repeat(28) + "@touchpoint.test", ID))
        .as("local part would exceed 64 characters")
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(VerpAddress.of("x".repeat(27) + "@touchpoint.test", ID)).hasSize(27 + 37 + 16);
  }
}
