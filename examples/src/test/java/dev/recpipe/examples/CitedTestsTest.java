package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A guarantee in the docs names the test that would catch its breach, and that name has to lead
 * somewhere: a test renamed, moved or deleted must take its citations with it. So every test a page
 * names in backticks exists: {@code ClassTest} or {@code ClassIT} as a test class (or one nested in
 * one), {@code ClassIT.method} as a method of that class's file, and a bare method name in the test
 * style ({@code aCrashStopsTheOtherWorkers}) as a method of some source file of the build (a test's,
 * or a benchmark's, which bench/README.md names the same way).
 */
class CitedTestsTest {
  private static final Pattern CODE = Pattern.compile("`([^`\n]+)`");
  private static final Pattern CLASS_METHOD = Pattern.compile("([A-Z]\\w*(?:Test|IT))\\.(\\w+)");
  private static final Pattern TEST_CLASS = Pattern.compile("[A-Z]\\w*(?:Test|IT)");
  /** A method name as the tests write them: lower camel case of four words or more. */
  private static final Pattern BARE_METHOD = Pattern.compile("[a-z]+(?:[A-Z][a-z0-9]*){3,}");
  private static final Pattern DECLARED_CLASS = Pattern.compile("\\b(?:class|record|interface|enum)\\s+(\\w+)");
  private static final Pattern DECLARED_METHOD = Pattern.compile("\\b(?!return\\b|new\\b|throw\\b|else\\b)(?:void|def|[\\w<>\\[\\]]+)\\s+(\\w+)\\s*\\(");

  @Test
  void everyTestThePagesNameExists() throws IOException {
    Map<String, String> sourceOfClass = new HashMap<>();
    Set<String> methods = new HashSet<>();
    for (Path source : files(Shell.ROOT, ".java", ".py")) {
      String text = Files.readString(source);
      Matcher declared = DECLARED_CLASS.matcher(text);
      while (declared.find()) sourceOfClass.putIfAbsent(declared.group(1), text);
      Matcher method = DECLARED_METHOD.matcher(text);
      while (method.find()) methods.add(method.group(1));
    }
    assertTrue(sourceOfClass.containsKey("CitedTestsTest"), "the sources were not found under " + Shell.ROOT);

    List<String> dangling = new ArrayList<>();
    List<Path> pages = pages();
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page);
      for (int i = 0; i < lines.size(); i++) {
        Matcher code = CODE.matcher(lines.get(i));
        while (code.find()) {
          for (String word : code.group(1).split("[\\s,()]+")) {
            String missing = missing(word, sourceOfClass, methods);
            if (missing != null) dangling.add(Shell.ROOT.relativize(page) + ":" + (i + 1) + ": " + word + ": " + missing);
          }
        }
      }
    }
    assertTrue(pages.size() >= 10, "pages read: " + pages);
    assertEquals(List.of(), dangling, "tests the docs name that the build does not have");
  }

  /** Why {@code word}, as a citation, leads nowhere; null if it does, or names no test. */
  private static String missing(String word, Map<String, String> sourceOfClass, Set<String> methods) {
    Matcher classMethod = CLASS_METHOD.matcher(word);
    if (classMethod.matches()) {
      String source = sourceOfClass.get(classMethod.group(1));
      if (source == null) return "no such class";
      String member = classMethod.group(2);
      boolean found = Pattern.compile("\\b(?:class\\s+" + member + "\\b|" + member + "\\s*\\()").matcher(source).find();
      return found ? null : "no such method or nested class in " + classMethod.group(1);
    }
    if (TEST_CLASS.matcher(word).matches()) return sourceOfClass.containsKey(word) ? null : "no such class";
    if (BARE_METHOD.matcher(word).matches()) return methods.contains(word) ? null : "no method of that name";
    return null;
  }

  /** The pages that cite tests: the docs, the READMEs, the examples' pages (not bench/results: records of runs). */
  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    for (Path page : files(Shell.ROOT, ".md")) {
      if (!page.startsWith(Shell.ROOT.resolve("bench/results"))) pages.add(page);
    }
    return pages;
  }

  private static List<Path> files(Path root, String... suffixes) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(path -> {
        String relative = root.relativize(path).toString();
        if (relative.contains("/target/") || relative.startsWith("target/") || relative.contains("node_modules")
            || relative.startsWith(".git") || !Files.isRegularFile(path)) {
          return false;
        }
        for (String suffix : suffixes) {
          if (relative.endsWith(suffix)) return true;
        }
        return false;
      }).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
