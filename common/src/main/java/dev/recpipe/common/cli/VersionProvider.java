package dev.recpipe.common.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version}: the tool's name and the build's version, from a resource Maven fills in. */
public final class VersionProvider implements IVersionProvider {
  @Spec CommandSpec spec;

  @Override
  public String[] getVersion() throws IOException {
    return new String[] {spec.name() + " (recpipe) " + version()};
  }

  /**
   * {@code recpipe --version}: the launcher runs this with any tool's jar. Written to stdout as the
   * tools write, not through {@code System.out}, which swallows a failed write: a full disk or a
   * closed stdout fails with a message and status 1, a closed pipe quietly with 141.
   */
  public static void main(String[] args) throws IOException {
    byte[] line = ("recpipe " + version() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Streams.stdout().write(line);
    } catch (IOException e) {
      if (Tool.isBrokenPipe(e)) System.exit(ExitStatus.BROKEN_PIPE.code());
      MessageLine.print(System.err, "recpipe", e.getMessage());
      System.exit(ExitStatus.FAILURE.code());
    }
  }

  public static String version() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/recpipe/common/version.properties")) {
      if (in == null) return "unknown";
      properties.load(in);
    }
    return properties.getProperty("version", "unknown");
  }
}
