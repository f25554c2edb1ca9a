package dev.recpipe.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code recpipe-spark}: runs {@code reader | CMD | writer} on every partition of a text file, on
 * Spark, with the output of the pipeline run on the whole file on one machine. The driver's command
 * line; {@link PipelineJob} is the job.
 */
@Command(
    name = "recpipe-spark",
    mixinStandardHelpOptions = true,
    versionProvider = RecpipeSparkCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    customSynopsis = RecpipeSparkCommand.SYNOPSIS,
    description = {
      "Run reader | CMD | writer on every partition of INPUT, a text file, on Spark, and write what"
          + " the writers print to the directory OUTPUT, one part file per partition: part-00000,"
          + " part-00001... Concatenated in name order, they hold the bytes that"
          + " reader INPUT | CMD | writer prints on one machine. Each partition's reader numbers its"
          + " records with their row index in the whole of INPUT, and names INPUT's lines in its"
          + " messages.",
      "",
      "CMD is any record stage with its arguments: summer, fanout -n 4 summer, python3 my-stage.py."
          + " A name without a slash is looked up in the recpipe tools (--tools), then on PATH.",
      "",
      "If a stage fails, the job fails (after Spark's task retries): recpipe-spark prints what the"
          + " stages printed on stderr, says which partition and lines failed, exits 1, and leaves no"
          + " OUTPUT.",
      "",
      "For example, on all cores of this machine:",
      "  recpipe-spark rows.csv sums -- fanout -n 2 summer && cat sums/part-*",
      "",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:success",
      " 1:a stage failed or is not there, or the input, the output or Spark failed (message on stderr)",
      " 2:bad options or arguments",
      "130:interrupted (SIGINT): the stages are stopped and OUTPUT removed",
      "143:terminated (SIGTERM): the same",
    })
public final class RecpipeSparkCommand implements Callable<Integer> {
  private static final String NAME = "recpipe-spark";
  static final String SYNOPSIS = NAME + " [OPTION...] INPUT OUTPUT -- CMD [ARG...]";

  @Spec CommandSpec spec;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark's master: local[N], local[*], spark://HOST:PORT, yarn, ... Default: the one"
          + " spark-submit gives, else local[*] (Spark in this process, a task per core).")
  String master;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      converter = Partitions.class,
      description = "Cut INPUT into at least N partitions (Hadoop's splits, so a few more for a large"
          + " file). Default: Spark's default parallelism, the cores in local mode.")
  Integer partitions;

  @Option(
      names = "--tools",
      paramLabel = "DIR",
      description = "recpipe's bin directory on the executors. A relative DIR is looked up first where"
          + " Spark unpacks --archives, e.g. --archives recpipe.tar.gz#recpipe --tools recpipe/bin."
          + " Default: this recpipe's bin directory, for local mode.")
  String tools = System.getProperty("recpipe.bin");

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "A Spark setting, as spark-submit's --conf, e.g. --conf spark.task.maxFailures=1.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--lines", description = "reader --lines: each line of INPUT is a text record.")
  boolean lines;

  @Option(names = {"-H", "--header"}, description = "reader -H: INPUT's first row is a header.")
  boolean header;

  @Option(names = {"-d", "--delimiter"}, paramLabel = "CHAR", description = "reader -d: the field delimiter.")
  String delimiter;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "writer -f: csv, tsv, jsonl or lines.")
  String format;

  @Option(names = "--verbose", description = "Show a stack trace with an error, and Spark's warnings.")
  boolean verbose;

  @Parameters(index = "0", paramLabel = "INPUT", description = "The input file: a path, or a URL Hadoop reads (hdfs://...).")
  String input;

  @Parameters(index = "1", paramLabel = "OUTPUT", description = "The output directory; it must not exist.")
  String output;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "CMD",
      description = "The stage and its arguments, after --, so that its options are not taken for these.")
  List<String> command = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(commandLine(new RecpipeSparkCommand()).execute(args));
  }

  static CommandLine commandLine(RecpipeSparkCommand command) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setParameterExceptionHandler(RecpipeSparkCommand::usageError);
    return commandLine;
  }

  @Override
  public Integer call() {
    PipelineSpec pipeline = pipelineSpec();
    SparkConf sparkConf = sparkConf();
    if (verbose) SparkLogging.showSilencedLoggers();
    try {
      if (sparkConf.get("spark.master").startsWith("local")) checkProgramsHere(pipeline);
      Configuration hadoop = HadoopConfigurations.of(sparkConf);
      InputFile inputFile = InputFile.check(input, hadoop);
      OutputDirectory outputDirectory = OutputDirectory.check(output, hadoop);
      try (JavaSparkContext spark = new JavaSparkContext(sparkConf)) {
        int least = partitions != null ? partitions : spark.defaultParallelism();
        new PipelineJob(spark).run(pipeline, inputFile, outputDirectory, least);
      }
      return 0;
    } catch (Exception | Error e) {
      new FailureReport(NAME, verbose).print(e, System.err);
      return 1;
    }
  }

  private PipelineSpec pipelineSpec() {
    if (lines && (header || delimiter != null)) {
      String option = header ? "--header" : "--delimiter";
      throw new ParameterException(spec.commandLine(), option + " is for CSV input; it cannot be used with --lines");
    }
    if (tools == null) {
      // as UsageMessage says a missing option; not required in its annotation, as the launcher gives it
      throw new ParameterException(spec.commandLine(), "missing option --tools; give DIR, recpipe's bin directory on"
          + " the executors (bin/recpipe-spark gives its own for local mode)");
    }
    return new PipelineSpec(input, tools, new ReaderOptions(lines, header, delimiter), format, command);
  }

  /**
   * In local mode the executors are this machine, so a mistyped CMD, or tools that are not there,
   * fail now rather than after Spark's start-up. (Each task checks again, on its executor: on a
   * cluster that is the only check. A relative --tools names a directory from --archives, which
   * Spark has not unpacked yet.)
   */
  private static void checkProgramsHere(PipelineSpec pipeline) {
    Path tools = Path.of(pipeline.tools());
    if (tools.isAbsolute()) pipeline.programs(Programs.toolsDirectory(pipeline.tools()));
  }

  /**
   * Spark's settings: spark-submit's (system properties) and {@code --master}; in local mode, quiet
   * defaults for what those leave unset; then {@code --conf}, which overrides any of them.
   */
  private SparkConf sparkConf() {
    SparkConf sparkConf = new SparkConf().setAppName(NAME);
    if (master != null) sparkConf.setMaster(master);
    sparkConf.setIfMissing("spark.master", "local[*]");
    if (sparkConf.get("spark.master").startsWith("local")) {
      sparkConf.setIfMissing("spark.ui.enabled", "false"); // no web UI, no port to find, for one job
      sparkConf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      sparkConf.setIfMissing("spark.driver.host", "localhost");
    }
    conf.forEach(sparkConf::set);
    return sparkConf;
  }

  private static int usageError(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println(NAME + ": " + ControlCharacters.madeVisible(UsageMessage.of(e, args)));
    err.println("Try '" + NAME + " --help' for more information.");
    err.flush();
    return 2;
  }

  /** The version in the job jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RecpipeSparkCommand.class.getPackage().getImplementationVersion();
      return new String[] {NAME + " " + (version != null ? version : "(development build)")};
    }
  }
}
