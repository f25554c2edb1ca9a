package dev.recpipe.fanout.property;

import dev.recpipe.common.testing.ToolRun;
import dev.recpipe.fanout.FanoutCommand;
import dev.recpipe.fanout.pipes.Fifos;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link Case} three ways: the stage alone over the whole input (the serial result), fanout
 * in this JVM over its workers (real processes), and {@code fanout deal} and {@code fanout merge}
 * with the workers between them on named pipes. Every run is bounded in time: a hang is a failure,
 * and the processes this JVM started are killed.
 */
final class Runs implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 120;

  /** What a run gave: fanout's status (the worst of all for deal and merge), stdout, stderr, and the workers' stderr. */
  record Outcome(int status, byte[] stdout, String stderr, String workersStderr) {
    /** Whether a planted crash happened: worker.py says so on stderr. */
    boolean crashed() {
      return workersStderr.contains("planted crash");
    }
  }

  private final Path worker;
  private final Path dir;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "fanout-property-run");
    thread.setDaemon(true);
    return thread;
  });
  private int runs;

  Runs(Path worker, Path dir) {
    this.worker = worker;
    this.dir = dir;
  }

  /** The stage run once over the whole input, without any crash. */
  byte[] serial(Case c) throws IOException, InterruptedException {
    byte[] input = c.input();
    List<String> command = c.kind().serialCommand(worker, c.argument());
    if (command == null) return input;
    Path in = Files.write(dir.resolve("serial-in"), input);
    Path out = dir.resolve("serial-out");
    Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
        .redirectError(dir.resolve("serial-err").toFile()).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the serial run timed out: " + c);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("the serial run failed: " + Files.readString(dir.resolve("serial-err")) + c);
    }
    return Files.readAllBytes(out);
  }

  /** {@code fanout OPTIONS CMD} on the case's input, in this JVM. */
  Outcome fanout(Case c) throws Exception {
    Path log = fresh("log");
    List<String> args = new ArrayList<>(c.options());
    args.addAll(c.kind().command(worker, c.argument(), log, fresh("crashed")));
    Future<ToolRun> run = threads.submit(() -> ToolRun.of(new FanoutCommand(), c.input(), args.toArray(String[]::new)));
    ToolRun done = await(run, c);
    return new Outcome(done.status(), done.stdoutBytes(), done.stderr(), read(log));
  }

  /** {@code fanout deal} to N named pipes, a worker on each, and {@code fanout merge} of their outputs. */
  Outcome dealAndMerge(Case c) throws Exception {
    Path log = fresh("log");
    Path marker = fresh("crashed");
    Path pipes = Files.createDirectory(fresh("pipes"));
    List<String> ins = new ArrayList<>();
    List<String> outs = new ArrayList<>();
    for (int i = 1; i <= c.workers(); i++) {
      ins.add(pipes.resolve("in-" + i).toString());
      outs.add(pipes.resolve("out-" + i).toString());
      Fifos.forOwnPipes().mkfifo(ins.get(i - 1));
      Fifos.forOwnPipes().mkfifo(outs.get(i - 1));
    }
    List<String> merge = new ArrayList<>(List.of("merge", "--buffer", "" + c.bufferMib()));
    if (c.unordered()) merge.add("--unordered");
    merge.addAll(outs);
    Future<ToolRun> merged = threads.submit(() -> ToolRun.of(new FanoutCommand(), new byte[0], merge.toArray(String[]::new)));
    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < c.workers(); i++) {
      // the shell opens the pipes: each blocks until deal, or merge, has the other end
      List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" < \"$IN\" > \"$OUT\"", "sh"));
      command.addAll(c.kind().command(worker, c.argument(), log, marker));
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().put("IN", ins.get(i));
      builder.environment().put("OUT", outs.get(i));
      builder.environment().put("RECPIPE_WORKER", "" + (i + 1));
      workers.add(builder.start());
    }
    List<String> deal = new ArrayList<>(List.of("deal", "--dispatch", c.ready() ? "ready" : "round-robin"));
    deal.addAll(c.batchOption());
    deal.addAll(ins);
    Future<ToolRun> dealt = threads.submit(() -> ToolRun.of(new FanoutCommand(), c.input(), deal.toArray(String[]::new)));
    ToolRun dealRun = await(dealt, c);
    int status = dealRun.status();
    for (Process process : workers) {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) throw timedOut(c);
      status = Math.max(status, process.exitValue());
    }
    ToolRun mergeRun = await(merged, c);
    status = Math.max(status, mergeRun.status());
    return new Outcome(status, mergeRun.stdoutBytes(), dealRun.stderr() + mergeRun.stderr(), read(log));
  }

  private ToolRun await(Future<ToolRun> run, Case c) throws Exception {
    try {
      return run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      throw timedOut(c);
    }
  }

  private AssertionError timedOut(Case c) {
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    return new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + c);
  }

  /** A new path in the test's directory, not made. */
  private Path fresh(String name) {
    return dir.resolve(name + "-" + ++runs);
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  static boolean hasPython() {
    try {
      Process process = new ProcessBuilder("python3", "-c", "pass").redirectOutput(new File("/dev/null"))
          .redirectError(new File("/dev/null")).start();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
