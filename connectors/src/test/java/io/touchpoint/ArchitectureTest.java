package io.touchpoint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The package boundaries of docs/architecture.md, enforced: its table says which package may use which, and the
 * code may not use more. The picture on the same page must show exactly the table's arrows.
 */
class ArchitectureTest {

  private static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");
  private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| [^|]+ \\| ([^|]+) \\|$", Pattern.MULTILINE);
  private static final Pattern ARROW = Pattern.compile("^  (\\w+) --> (\\w+)$", Pattern.MULTILINE);
  private static final Pattern NAME = Pattern.compile("`(\\w+)`");

  private static JavaClasses classes;
  private static Map<String, Set<String>> mayUse;

  @BeforeAll
  static void readTheCodeAndTheTable() throws IOException {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.touchpoint");
    mayUse = new TreeMap<>();
    Matcher row = ROW.matcher(Files.readString(ARCHITECTURE));
    while (row.find()) {
      Set<String> used = new TreeSet<>();
      Matcher name = NAME.matcher(row.group(2));
      while (name.find()) {
        used.add(name.group(1));
      }
      mayUse.put(row.group(1), row.group(2).trim().equals("any") ? null : used);
    }
  }

  @Test
  void everyPackageHasARowInTheTable() {
    Set<String> packages = new TreeSet<>();
    classes.forEach(type -> packages.add(topLevel(type.getPackageName())));
    packages.remove("");
    assertThat(mayUse.keySet()).as("rows of docs/architecture.md").containsExactlyInAnyOrderElementsOf(packages);
  }

  @Test
  void noPackageUsesMoreThanItsRowAllows() {
    for (Map.Entry<String, Set<String>> row : mayUse.entrySet()) {
      if (row.getValue() == null) {
        continue;
      }
      String[] forbidden = mayUse.keySet().stream()
          .filter(other -> !other.equals(row.getKey()) && !row.getValue().contains(other))
          .map(other -> "io.touchpoint." + other + "..").toArray(String[]::new);
      noClasses().that().resideInAPackage("io.touchpoint." + row.getKey() + "..")
          .should().dependOnClassesThat().resideInAnyPackage(forbidden)
          .because("docs/architecture.md allows " + row.getKey() + " only " + row.getValue())
          .check(classes);
    }
  }

  @Test
  void thePictureShowsTheTable() throws IOException {
    Map<String, Set<String>> arrows = new LinkedHashMap<>();
    Matcher arrow = ARROW.matcher(Files.readString(ARCHITECTURE));
    while (arrow.find()) {
      arrows.computeIfAbsent(arrow.group(1), from -> new TreeSet<>()).add(arrow.group(2));
    }
    Map<String, Set<String>> table = new TreeMap<>();
    mayUse.forEach((from, to) -> {
      if (to != null && !to.isEmpty()) {
        table.put(from, to);
      }
    });
    assertThat(new TreeMap<>(arrows)).isEqualTo(table);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.touchpoint.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void channelsDoNotUseEachOther() {
    slices().matching("io.touchpoint.channel.(*)..").should().notDependOnEachOther().check(classes);
  }

  @Test
  void providersKnowNothingOfTheEngineNorOfEachOther() {
    noClasses().that().resideInAPackage("io.touchpoint.provider..")
        .should().dependOnClassesThat().resideInAPackage("org.camunda..").check(classes);
    for (String provider : List.of("twilio", "smtp", "fcm", "simulator", "unconfigured")) {
      noClasses().that().resideInAPackage("io.touchpoint.provider." + provider + "..")
          .should().dependOnClassesThat().resideInAnyPackage(List.of("twilio", "smtp", "fcm", "simulator",
              "unconfigured").stream().filter(other -> !other.equals(provider))
              .map(other -> "io.touchpoint.provider." + other + "..").toArray(String[]::new))
          .check(classes);
    }
  }

  @Test
  void theEnginePluginUsesNoProviderSdk() {
    noClasses().that().resideInAPackage("io.touchpoint.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("com.twilio..", "com.google.firebase..", "jakarta.mail..",
            "org.eclipse.angus..", "org.apache.hc..")
        .check(classes);
  }

  @Test
  void noQueryResultIsReadAsAStream() {
    noClasses().should().callMethod(JdbcClient.MappedQuerySpec.class, "stream")
        .because("JdbcClient's stream keeps its connection until it is closed: one read outside a transaction kept a "
            + "connection per call, and a node taking over a dead node's sends ran out of them")
        .check(classes);
  }

  private static String topLevel(String packageName) {
    String rest = packageName.startsWith("io.touchpoint.") ? packageName.substring("io.touchpoint.".length()) : "";
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }
}
