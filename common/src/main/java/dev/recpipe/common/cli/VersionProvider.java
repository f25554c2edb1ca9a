package dev.recpipe.common.cli;

import java.io.IOException;
import java.io.InputStream;
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

  /** {@code recpipe --version}: the launcher runs this with any tool's jar. */
  public static void main(String[] args) throws IOException {
    System.out.println("recpipe " + version());
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
