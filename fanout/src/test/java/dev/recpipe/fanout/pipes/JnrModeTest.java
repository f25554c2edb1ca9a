package dev.recpipe.fanout.pipes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.channels.Selector;
import org.junit.jupiter.api.Test;

/**
 * fanout's two bindings of the C library, its own and jnr-enxio's, are jnr-ffi's reflective proxies,
 * not classes generated with ASM at every start (bench/results/fanout-startup.md).
 */
class JnrModeTest {
  @Test
  void fanoutsOwnCallsAreBoundByReflection() {
    assertTrue(Proxy.isProxyClass(Posix.libc().getClass()), Posix.libc().getClass().getName());
  }

  @Test
  void theSelectorsCallsAreBoundByReflection() throws Exception {
    try (Selector selector = Fifos.forAnyPath().openSelector()) {
      Method libc = Class.forName("jnr.enxio.channels.Native").getDeclaredMethod("libc");
      libc.setAccessible(true);
      Object bound = libc.invoke(null);
      assertTrue(Proxy.isProxyClass(bound.getClass()), bound.getClass().getName());
    }
  }
}
