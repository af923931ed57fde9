package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchpoint.template.ElementTemplates.TemplateFile;
import io.touchpoint.template.TemplateVersions.Key;
import io.touchpoint.template.TemplateVersions.Line;
import io.touchpoint.template.TemplateVersions.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Template versions are locked: a template whose bindings change needs a new version, and the version it replaces
 * stays under {@code element-templates/versioned/}, frozen, because diagrams name the version they were drawn with
 * ({@link TemplateVersions}). Run once with {@code -Dtouchpoint.templates.update-lock=true} to add the lines of new
 * versions to {@code element-templates/versions.lock}.
 */
class ElementTemplateVersionsTest {

  @Test
  void lockMatchesTheTemplates() throws IOException {
    Path lockFile = ElementTemplates.sourceFolder().resolve(TemplateVersions.LOCK_FILE);
    String lock = Files.exists(lockFile) ? Files.readString(lockFile, StandardCharsets.UTF_8) : "";

    Result result = TemplateVersions.check(ElementTemplates.all(), TemplateVersions.parse(lock));

    List<String> problems = new ArrayList<>(result.problems());
    if (Boolean.getBoolean(TemplateVersions.UPDATE_PROPERTY)) {
      String updated = TemplateVersions.format(result.updated());
      if (!updated.equals(lock)) {
        Files.writeString(lockFile, updated, StandardCharsets.UTF_8);
      }
    } else {
      problems.addAll(result.missing());
    }
    assertThat(problems).as("element-templates/" + TemplateVersions.LOCK_FILE).isEmpty();
  }

  @Test
  void lockFileReadsBackAsWritten() {
    Map<Key, Line> lock = lockOf(ElementTemplates.all());

    assertThat(TemplateVersions.parse(TemplateVersions.format(lock))).isEqualTo(lock);
  }

  // The lock must be able to fail: template folders changed in memory, against the lock they had.

  @Test
  void changedBindingsWithoutANewVersionAreCaught() {
    List<TemplateFile> files = ElementTemplates.all();

    int current = smsVersion(files);
    Result result = TemplateVersions.check(changed(files, "touchpoint-sms.json",
        t -> field(t, "text").withObjectProperty("constraints").put("maxLength", 160)), lockOf(files));

    assertThat(result.problems()).containsExactly("io.touchpoint.sms version " + current + " changed its bindings: "
        + "bump \"version\" in touchpoint-sms.json and keep the old one as element-templates/versioned/touchpoint-sms-"
        + current + ".json (diagrams drawn with it still use it)");
    assertThat(result.updated()).as("the update run never blesses a change").isEqualTo(lockOf(files));
  }

  @Test
  void changedCopyNeedsNoNewVersion() {
    List<TemplateFile> files = ElementTemplates.all();

    Result result = TemplateVersions.check(changed(files, "touchpoint-sms.json", t -> {
      t.put("description", "Texts the contact.");
      field(t, "text").put("label", "Text").put("placeholder", "Hello");
    }), lockOf(files));

    assertThat(result.problems()).isEmpty();
    assertThat(result.missing()).isEmpty();
  }

  @Test
  void newVersionNeedsItsLineAndFreezesTheOneItReplaces() {
    List<TemplateFile> files = ElementTemplates.all();
    int current = smsVersion(files);
    int next = current + 1;
    TemplateFile newest = file(files, "touchpoint-sms.json");
    List<TemplateFile> bumped = new ArrayList<>(changed(files, "touchpoint-sms.json", t -> t.put("version", next)));
    bumped.add(new TemplateFile("versioned/touchpoint-sms-" + current + ".json", newest.json(), newest.text()));

    Result result = TemplateVersions.check(bumped, lockOf(files));

    assertThat(result.problems()).isEmpty();
    assertThat(result.missing()).containsExactlyInAnyOrder(
        "io.touchpoint.sms version " + next + " (touchpoint-sms.json) has no line in element-templates/versions.lock: "
            + "add 'io.touchpoint.sms " + next + " bindings=" + TemplateBindings.hash(newest.json()) + "' (or run the "
            + "tests once with -Dtouchpoint.templates.update-lock=true)",
        "io.touchpoint.sms version " + current + " (versioned/touchpoint-sms-" + current + ".json) is an old version "
            + "now, frozen: its line in element-templates/versions.lock must be 'io.touchpoint.sms " + current
            + " bindings=" + TemplateBindings.hash(newest.json()) + " file=" + TemplateBindings.fileHash(newest.text())
            + "' (or run the tests once with -Dtouchpoint.templates.update-lock=true)");
    Result updated = TemplateVersions.check(bumped, result.updated());
    assertThat(updated.problems()).isEmpty();
    assertThat(updated.missing()).isEmpty();
  }

  @Test
  void newVersionThatDropsTheOldOneIsCaught() {
    List<TemplateFile> files = ElementTemplates.all();

    int current = smsVersion(files);
    Result result = TemplateVersions.check(changed(files, "touchpoint-sms.json", t -> t.put("version", current + 1)),
        lockOf(files));

    assertThat(result.problems()).containsExactly("element-templates/versions.lock has io.touchpoint.sms version "
        + current + ", but no template file is that version: diagrams drawn with it would find no template in the "
        + "Modeler. Keep it as element-templates/versioned/touchpoint-sms-" + current + ".json");
  }

  @Test
  void changedOldVersionIsCaught() {
    List<TemplateFile> files = ElementTemplates.all();

    Result result = TemplateVersions.check(changed(files, "versioned/touchpoint-sms-1.json",
        t -> t.put("description", "Sends an SMS.")), lockOf(files));

    assertThat(result.problems()).containsExactly("element-templates/versioned/touchpoint-sms-1.json "
        + "(io.touchpoint.sms version 1) changed, but an old version is frozen: diagrams drawn with it rely on it as it "
        + "was. Restore it (git checkout), and put changes into a new version");
  }

  @Test
  void oldVersionOutOfPlaceIsCaught() {
    List<TemplateFile> files = new ArrayList<>(ElementTemplates.all());
    TemplateFile old = file(files, "versioned/touchpoint-sms-1.json");
    files.remove(old);
    files.add(new TemplateFile("versioned/sms-v1.json", old.json(), old.text()));

    assertThat(TemplateVersions.check(files, lockOf(ElementTemplates.all())).problems())
        .containsExactly("versioned/sms-v1.json is io.touchpoint.sms version 1: name it versioned/touchpoint-sms-1.json");
  }

  /** The lock as the update run writes it for these files. */
  private static Map<Key, Line> lockOf(List<TemplateFile> files) {
    return TemplateVersions.check(files, Map.of()).updated();
  }

  private static TemplateFile file(List<TemplateFile> files, String fileName) {
    return files.stream().filter(file -> file.fileName().equals(fileName)).findFirst().orElseThrow();
  }

  /** The files with one of them changed. */
  private static List<TemplateFile> changed(List<TemplateFile> files, String fileName, Consumer<ObjectNode> change) {
    return files.stream().map(file -> {
      if (!file.fileName().equals(fileName)) {
        return file;
      }
      ObjectNode json = file.json().deepCopy();
      change.accept(json);
      return new TemplateFile(fileName, json);
    }).toList();
  }

  private static ObjectNode field(ObjectNode template, String bindingName) {
    for (var property : template.path("properties")) {
      if (property.path("binding").path("name").asText().equals(bindingName)) {
        return (ObjectNode) property;
      }
    }
    throw new IllegalArgumentException("no field " + bindingName);
  }

  private static int smsVersion(List<TemplateFile> files) {
    return file(files, "touchpoint-sms.json").json().path("version").asInt();
  }
}
