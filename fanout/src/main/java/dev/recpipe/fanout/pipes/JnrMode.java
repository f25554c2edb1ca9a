package dev.recpipe.fanout.pipes;

/**
 * How jnr-ffi binds the C library: through reflection and a {@link java.lang.reflect.Proxy}, not
 * through classes it generates at run time with ASM (its default). fanout makes a few calls per
 * batch, where the two cost the same, but generating the classes cost more CPU at every start than
 * the rest of the binding: ASM's and jnr's own assembler's classes, none of which a class-data-sharing
 * archive can hold (their class files are Java 5's), and the generated code itself
 * (bench/results/fanout-startup.md).
 */
final class JnrMode {
  /** jnr-ffi's switch, read once, when its library loader is first used. */
  static final String ASM_ENABLED = "jnr.ffi.asm.enabled";

  private JnrMode() {}

  /** Chooses reflection, unless the JVM was started with the property set (-D) either way. */
  static void reflection() {
    if (System.getProperty(ASM_ENABLED) == null) System.setProperty(ASM_ENABLED, "false");
  }
}
