package io.touchpoint.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of codes and its page, docs/errors.md, agree both ways, and main code takes its codes from the
 * catalogue: a code typed as a literal could drift from the page unnoticed.
 */
class ErrorCodesTest {

  private static final Path ROOT = Path.of("..");
  private static final Path PAGE = ROOT.resolve("docs").resolve("errors.md");
  private static final Path CATALOGUE = Path.of("io", "touchpoint", "error", "ErrorCode.java");
  private static final Pattern CODE = Pattern.compile("TOUCHPOINT-[A-Z]+-\\d+");
  private static final Pattern SECTION = Pattern.compile("^## (.+)$");
  private static final Pattern ENTRY = Pattern.compile("^### (TOUCHPOINT-[A-Z]+-\\d+) — (.+)$");
  private static final Pattern RETIRED = Pattern.compile("^- `(TOUCHPOINT-[A-Z]+-\\d+)`: \\S");

  private static Map<String, Entry> documented;
  private static Set<String> retired;

  /** One code's entry on the page. */
  private record Entry(String section, String title, String cause, String fix) {
  }

  @BeforeAll
  static void readThePage() throws IOException {
    documented = new LinkedHashMap<>();
    retired = new TreeSet<>();
    String section = null;
    String code = null;
    for (String line : Files.readAllLines(PAGE)) {
      Matcher sectionHeading = SECTION.matcher(line);
      Matcher entryHeading = ENTRY.matcher(line);
      Matcher retiredItem = RETIRED.matcher(line);
      if (sectionHeading.matches()) {
        section = sectionHeading.group(1);
        code = null;
      } else if (entryHeading.matches()) {
        code = entryHeading.group(1);
        assertThat(documented).as("entries on docs/errors.md").doesNotContainKey(code);
        documented.put(code, new Entry(section, entryHeading.group(2), "", ""));
      } else if (code != null && line.startsWith("Cause: ")) {
        Entry entry = documented.get(code);
        documented.put(code, new Entry(entry.section(), entry.title(), line.substring(7).trim(), entry.fix()));
      } else if (code != null && line.startsWith("Fix: ")) {
        Entry entry = documented.get(code);
        documented.put(code, new Entry(entry.section(), entry.title(), entry.cause(), line.substring(5).trim()));
      } else if ("Retired codes".equals(section) && retiredItem.find()) {
        retired.add(retiredItem.group(1));
      }
    }
  }

  @Test
  void everyCodeIsDocumentedWithItsTitleACauseAndAFix() {
    for (ErrorCode code : ErrorCode.values()) {
      Entry entry = documented.get(code.code());
      assertThat(entry).as("entry of %s on docs/errors.md", code.code()).isNotNull();
      assertThat(entry.title()).as("title of %s", code.code()).isEqualTo(code.title());
      assertThat(entry.cause()).as("cause of %s", code.code()).isNotBlank();
      assertThat(entry.fix()).as("fix of %s", code.code()).isNotBlank();
    }
  }

  @Test
  void everyDocumentedCodeExists() {
    Set<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
    assertThat(codes).as("codes of ErrorCode").containsAll(documented.keySet());
  }

  @Test
  void retiredCodesAreNotReused() {
    assertThat(retired).as("retired codes on docs/errors.md").isNotEmpty();
    assertThat(retired).doesNotContainAnyElementsOf(documented.keySet());
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(retired).as("retired codes").doesNotContain(code.code());
    }
  }

  @Test
  void theCodesOfOneAreaAreListedTogether() {
    Map<String, Set<String>> sectionsOfArea = new TreeMap<>();
    documented.forEach((code, entry) -> sectionsOfArea.computeIfAbsent(area(code), area -> new TreeSet<>())
        .add(String.valueOf(entry.section())));
    sectionsOfArea.forEach((area, sections) -> assertThat(sections).as("sections listing %s codes", area)
        .hasSize(1));
  }

  @Test
  void aConstantIsNamedAfterItsCode() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.code()).isEqualTo("TOUCHPOINT-" + code.name().replace('_', '-'));
      assertThat(code).hasToString(code.code());
    }
  }

  @Test
  void theConstantsForAnnotationsAreTheCodes() throws IllegalAccessException {
    for (Field field : ErrorCode.Constants.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        assertThat(field.get(null)).as(field.getName()).isEqualTo(ErrorCode.valueOf(field.getName()).code());
      }
    }
  }

  @Test
  void mainCodeTakesItsCodesFromTheCatalogue() throws IOException {
    List<Path> sources;
    try (Stream<Path> modules = Files.list(ROOT)) {
      sources = modules.map(module -> module.resolve("src").resolve("main").resolve("java"))
          .filter(Files::isDirectory).flatMap(ErrorCodesTest::javaFiles)
          .filter(file -> !file.endsWith(CATALOGUE)).toList();
    }
    assertThat(sources).as("main sources of connectors and app").hasSizeGreaterThan(100);
    Map<Path, String> literals = new TreeMap<>();
    for (Path source : sources) {
      Matcher code = CODE.matcher(Files.readString(source));
      if (code.find()) {
        literals.put(source, code.group());
      }
    }
    assertThat(literals).as("codes typed in main code instead of taken from ErrorCode").isEmpty();
  }

  private static Stream<Path> javaFiles(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String area(String code) {
    return code.substring("TOUCHPOINT-".length(), code.lastIndexOf('-'));
  }
}
