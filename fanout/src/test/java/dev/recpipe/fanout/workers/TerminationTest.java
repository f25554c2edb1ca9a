package dev.recpipe.fanout.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fanout stops a JVM that has not reached a tool's main. Here a JVM that never does: a program
 * of one source file that sleeps, run by this JVM's java, which catches SIGTERM as every JVM does
 * but none of the tools' signals. Given bin/recpipe's {@code -Drecpipe.bin} it stands for a tool's
 * JVM still starting, which got SIGTERM a second later, in the middle of its start under load (and
 * wrote the JVM's errors, StopWhileStartingIT); without it, another program's JVM.
 */
@Timeout(60)
class TerminationTest {
  private static final int SIGKILLED = 128 + 9;
  private static final int SIGTERMED = 128 + 15;

  @TempDir Path dir;

  @Test
  void aToolsJvmStillStartingIsKilledAtOnce() throws Exception {
    Process jvm = sleepingJvm("-Drecpipe.bin=/nowhere");
    long start = System.nanoTime();
    Termination.stop(List.of(jvm.toHandle()), Duration.ofSeconds(3));
    long took = System.nanoTime() - start;
    assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
    assertEquals(SIGKILLED, jvm.exitValue());
    assertTrue(took < Duration.ofMillis(500).toNanos(), took + " ns");
  }

  @Test
  void anotherProgramsJvmGetsSigtermAfterTheWait() throws Exception {
    Process jvm = sleepingJvm();
    long start = System.nanoTime();
    Termination.stop(List.of(jvm.toHandle()), Duration.ofSeconds(3));
    long took = System.nanoTime() - start;
    assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
    assertEquals(SIGTERMED, jvm.exitValue());
    assertTrue(took >= JvmStarts.MOST.toNanos(), took + " ns");
  }

  @Test
  void bothKindsTogether() throws Exception {
    Process tool = sleepingJvm("-Drecpipe.bin=/nowhere");
    Process other = sleepingJvm();
    Termination.stop(List.of(tool.toHandle(), other.toHandle()), Duration.ofSeconds(3));
    assertTrue(tool.waitFor(10, TimeUnit.SECONDS) && other.waitFor(10, TimeUnit.SECONDS));
    assertEquals(SIGKILLED, tool.exitValue());
    assertEquals(SIGTERMED, other.exitValue());
  }

  @Test
  void theLaunchersPropertyIsFoundAmongTheWords() {
    assertTrue(JvmStarts.isToolCommandLine("java\0-Xss1m\0-Drecpipe.bin=/usr/bin\0-cp\0summer.jar\0".getBytes()));
    assertTrue(!JvmStarts.isToolCommandLine("java\0-Drecpipe.binary=x\0Main\0".getBytes()));
    assertTrue(!JvmStarts.isToolCommandLine("java\0-cp\0x.jar\0Main\0".getBytes()));
  }

  /** A JVM running a main that sleeps, once it catches SIGTERM (its handler set: SIGTERM reaches the JVM). */
  private Process sleepingJvm(String... options) throws Exception {
    Path source = dir.resolve("Sleep.java");
    Files.writeString(source, "class Sleep { public static void main(String[] a) throws Exception { Thread.sleep(60_000); } }");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(List.of(options));
    command.add(source.toString());
    Process jvm = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
    Path status = Path.of("/proc", Long.toString(jvm.pid()), "status");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!catchesSigterm(Files.readString(status)) && System.nanoTime() < deadline) Thread.sleep(5);
    return jvm;
  }

  private static boolean catchesSigterm(String status) {
    int at = status.indexOf("\nSigCgt:") + "\nSigCgt:".length();
    long caught = Long.parseUnsignedLong(status.substring(at, status.indexOf('\n', at)).trim(), 16);
    return (caught & 1L << (15 - 1)) != 0;
  }
}
