package io.touchpoint.testapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A service-account credentials file for a Firebase project that exists only in the tests: a
 * fresh RSA key, and a token endpoint on the local fake, so the real credentials path runs.
 */
public final class FakeFirebaseProject {

  public static final String PROJECT_ID = "touchpoint-test";

  private FakeFirebaseProject() {
  }

  public static Path credentialsFile(String tokenUri) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      // PEM with its line breaks written as JSON escapes
      String key = "-----BEGIN PRIVATE KEY-----\\n"
          + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
              .replace("\r\n", "\\n")
          + "\\n-----END PRIVATE KEY-----\\n";
      String json = """
          {"type":"service_account","project_id":"%s","private_key_id":"test-key",
           "private_key":"%s","client_email":"touchpoint@%s.iam.gserviceaccount.com",
           "client_id":"1","token_uri":"%s"}""".formatted(PROJECT_ID, key, PROJECT_ID, tokenUri);
      Path file = Files.createTempFile("touchpoint-firebase", ".json");
      file.toFile().deleteOnExit();
      return Files.writeString(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
