package dev.recpipe.common.cli;

import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/**
 * Which status an exception ends a run with: the one place that decides it, for picocli's handlers
 * and for {@link Tool}'s own. Bad options are a usage error (2), a closed stdout the quiet 141, an
 * exception that {@link HasExitStatus has a status} that status, anything else a failure (1).
 */
final class ExitStatusMapper implements IExitCodeExceptionMapper {
  @Override
  public int getExitCode(Throwable exception) {
    return statusOf(exception).code();
  }

  static ExitStatus statusOf(Throwable exception) {
    if (exception instanceof ParameterException) return ExitStatus.USAGE;
    if (Tool.isBrokenPipe(exception)) return ExitStatus.BROKEN_PIPE;
    if (exception instanceof HasExitStatus) return ((HasExitStatus) exception).exitStatus();
    return ExitStatus.FAILURE;
  }
}
