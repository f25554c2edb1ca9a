package dev.recpipe.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The JVM options bin/recpipe-spark gives Spark's driver are those of Spark's own launcher, less the
 * one incubator module (see the file's comment): a new Spark version that needs more fails this.
 */
class JavaOptionsTest {
  private static final Path OPTIONS = Path.of("src/main/config/java-options");

  @Test
  void theLaunchersOptionsAreSparksLessTheIncubatorModule() throws IOException {
    List<String> spark = new ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    spark.remove("--add-modules=jdk.incubator.vector");
    assertEquals(spark, Files.readAllLines(OPTIONS).stream().filter(line -> !line.startsWith("#")).toList());
  }
}
