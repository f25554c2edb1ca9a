package dev.recpipe.common.cli;

/**
 * An exception that ends a run with a status of its own, not {@link ExitStatus#FAILURE}: fanout's
 * worker command that can't be started ends it as a shell would, with 127 or 126.
 */
public interface HasExitStatus {
  ExitStatus exitStatus();
}
