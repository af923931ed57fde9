package io.touchpoint.template;

import io.touchpoint.template.ElementTemplates.TemplateFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions lock, {@code element-templates/versions.lock}: one line per template id and version with the hash of
 * its bindings ({@link TemplateBindings}) and, for an old version under {@code versioned/}, the hash of its file,
 * which is frozen. Checked against the template files:
 * <ul>
 *   <li>the newest version of each template is the file at the top of the folder; each older one is
 *       {@code versioned/<that file's name>-<version>.json};</li>
 *   <li>a version whose bindings differ from its line was changed without a new version;</li>
 *   <li>an old version whose file differs from its line was changed: diagrams drawn with it rely on it as it was;</li>
 *   <li>a line without a file is a version that diagrams may use and the Modeler no longer finds;</li>
 *   <li>a version without a line, or an old version whose line lacks its file hash, is missing from the lock: the
 *       update run ({@value #UPDATE_PROPERTY}{@code =true}) adds it, and never changes a line that exists.</li>
 * </ul>
 * Why old versions stay, and may sit in a subfolder: Camunda Modeler 5 reads every {@code .json} under its
 * {@code element-templates} folders, subfolders included (camunda-modeler {@code ElementTemplatesProvider}, glob
 * {@code element-templates/**}{@code /*.json}; https://docs.camunda.io/docs/components/modeler/desktop-modeler/element-templates/configuring-templates/),
 * keeps templates of one id apart by version ("two templates can have the same ID if their version is different",
 * https://docs.camunda.io/docs/8.3/components/modeler/desktop-modeler/element-templates/c7-defining-templates), offers
 * an element drawn with an older version "Update available" and shows one whose version it lacks as "Not found",
 * without its fields (bpmn-js-element-templates {@code ElementTemplatesGroup}).
 */
final class TemplateVersions {

  static final String LOCK_FILE = "versions.lock";
  static final String UPDATE_PROPERTY = "touchpoint.templates.update-lock";

  private static final Pattern LINE = Pattern.compile("(\\S+) (\\d+) bindings=([0-9a-f]{16})(?: file=([0-9a-f]{16}))?");
  private static final String HEADER = """
      # Element template versions and what each binds; checked by io.touchpoint.template.ElementTemplateVersionsTest.
      # A template whose bindings change needs a new "version"; the old version stays, frozen, under versioned/.
      # See docs/modeling-journeys.md, "Template versions". Lines are added by
      #   mvn -pl connectors test -Dtest=ElementTemplateVersionsTest -D%s=true
      # <id> <version> bindings=<hash> [file=<hash of an old version's frozen file>]
      """.formatted(UPDATE_PROPERTY);

  /** A template id and version. */
  record Key(String id, int version) implements Comparable<Key> {

    @Override
    public int compareTo(Key other) {
      return Comparator.comparing(Key::id).thenComparingInt(Key::version).compare(this, other);
    }

    @Override
    public String toString() {
      return id + " version " + version;
    }
  }

  /** A line of the lock; {@code file} is null for the newest version. */
  record Line(String bindings, String file) {
  }

  /**
   * What the check found.
   *
   * @param problems what only a person can fix
   * @param missing  lines the update run adds
   * @param updated  the lock with those lines added
   */
  record Result(List<String> problems, List<String> missing, Map<Key, Line> updated) {
  }

  private TemplateVersions() {
  }

  static Map<Key, Line> parse(String lock) {
    Map<Key, Line> lines = new TreeMap<>();
    for (String text : lock.split("\n")) {
      String line = text.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(LOCK_FILE + " has a line that is not '<id> <version> bindings=<hash> "
            + "[file=<hash>]': " + line);
      }
      Key key = new Key(matcher.group(1), Integer.parseInt(matcher.group(2)));
      if (lines.put(key, new Line(matcher.group(3), matcher.group(4))) != null) {
        throw new IllegalArgumentException(LOCK_FILE + " has " + key + " twice");
      }
    }
    return lines;
  }

  static String format(Map<Key, Line> lines) {
    StringBuilder text = new StringBuilder(HEADER);
    new TreeMap<>(lines).forEach((key, line) -> text.append(line(key, line)).append('\n'));
    return text.toString();
  }

  private static String line(Key key, Line line) {
    return key.id() + " " + key.version() + " bindings=" + line.bindings()
        + (line.file() == null ? "" : " file=" + line.file());
  }

  static Result check(List<TemplateFile> files, Map<Key, Line> lock) {
    List<String> problems = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    Map<Key, Line> updated = new TreeMap<>(lock);

    Map<String, TemplateFile> newest = new HashMap<>();
    for (TemplateFile file : files) {
      if (!file.isOldVersion()) {
        TemplateFile other = newest.put(file.id(), file);
        if (other != null) {
          problems.add(file.fileName() + " and " + other.fileName() + " are both " + file.id() + " at the top of "
              + "element-templates/: keep only the newest version there, older ones under versioned/");
        }
      }
    }

    Map<Key, TemplateFile> byVersion = new HashMap<>();
    for (TemplateFile file : files) {
      Key key = new Key(file.id(), file.version());
      TemplateFile other = byVersion.put(key, file);
      if (other != null) {
        problems.add(file.fileName() + " and " + other.fileName() + " are both " + key);
      }
      if (file.isOldVersion()) {
        checkOldVersionPlace(file, newest.get(file.id()), problems);
      }
      String bindings = TemplateBindings.hash(file.json());
      Line line = lock.get(key);
      if (line == null) {
        Line added = new Line(bindings, file.isOldVersion() ? TemplateBindings.fileHash(file.text()) : null);
        updated.put(key, added);
        missing.add(key + " (" + file.fileName() + ") has no line in element-templates/" + LOCK_FILE + ": add '"
            + line(key, added) + "' (or run the tests once with -D" + UPDATE_PROPERTY + "=true)");
      } else if (!line.bindings().equals(bindings)) {
        problems.add(file.isOldVersion()
            ? frozen(file)
            : key + " changed its bindings: bump \"version\" in " + file.fileName() + " and keep the old one as "
                + "element-templates/" + oldVersionName(file, key.version()) + " (diagrams drawn with it still use it)");
      } else if (file.isOldVersion() && line.file() == null) {
        Line completed = new Line(line.bindings(), TemplateBindings.fileHash(file.text()));
        updated.put(key, completed);
        missing.add(key + " (" + file.fileName() + ") is an old version now, frozen: its line in element-templates/"
            + LOCK_FILE + " must be '" + line(key, completed) + "' (or run the tests once with -D" + UPDATE_PROPERTY
            + "=true)");
      } else if (file.isOldVersion() && !line.file().equals(TemplateBindings.fileHash(file.text()))) {
        problems.add(frozen(file));
      }
    }

    lock.keySet().stream().filter(key -> !byVersion.containsKey(key)).forEach(key -> problems.add(
        "element-templates/" + LOCK_FILE + " has " + key + ", but no template file is that version: diagrams drawn "
            + "with it would find no template in the Modeler. Keep it as element-templates/"
            + (newest.containsKey(key.id()) ? oldVersionName(newest.get(key.id()), key.version())
                : "versioned/<file>-" + key.version() + ".json")));
    return new Result(problems, missing, updated);
  }

  private static void checkOldVersionPlace(TemplateFile file, TemplateFile newest, List<String> problems) {
    if (newest == null) {
      problems.add(file.fileName() + " is an old version of " + file.id() + ", whose newest version is not at the top "
          + "of element-templates/");
      return;
    }
    String expected = oldVersionName(newest, file.version());
    if (!file.fileName().equals(expected)) {
      problems.add(file.fileName() + " is " + file.id() + " version " + file.version() + ": name it " + expected);
    }
    if (file.version() >= newest.version()) {
      problems.add(file.fileName() + " is " + file.id() + " version " + file.version() + ", not older than "
          + newest.fileName() + " (version " + newest.version() + ")");
    }
  }

  /** e.g. {@code versioned/touchpoint-sms-1.json} for version 1 of the template in {@code touchpoint-sms.json}. */
  private static String oldVersionName(TemplateFile newest, int version) {
    String name = newest.fileName();
    return ElementTemplates.VERSIONED + name.substring(0, name.length() - ".json".length()) + "-" + version + ".json";
  }

  private static String frozen(TemplateFile file) {
    return "element-templates/" + file.fileName() + " (" + file.id() + " version " + file.version() + ") changed, but "
        + "an old version is frozen: diagrams drawn with it rely on it as it was. Restore it (git checkout), and put "
        + "changes into a new version";
  }
}
