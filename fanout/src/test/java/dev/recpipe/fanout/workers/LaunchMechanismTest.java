package dev.recpipe.fanout.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LaunchMechanismTest {
  private String before;

  @BeforeEach
  void save() {
    before = System.clearProperty(LaunchMechanism.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) System.clearProperty(LaunchMechanism.PROPERTY);
    else System.setProperty(LaunchMechanism.PROPERTY, before);
  }

  @Test
  void vforkFromJdk17To22() {
    for (int feature : new int[] {17, 21, LaunchMechanism.LAST_FEATURE}) {
      System.clearProperty(LaunchMechanism.PROPERTY);
      LaunchMechanism.choose(feature);
      assertEquals("VFORK", System.getProperty(LaunchMechanism.PROPERTY), "JDK " + feature);
    }
  }

  @Test
  void theJdksDefaultWhereVforkIsDeprecatedOrGone() {
    for (int feature : new int[] {LaunchMechanism.LAST_FEATURE + 1, 25, 27}) {
      LaunchMechanism.choose(feature);
      assertNull(System.getProperty(LaunchMechanism.PROPERTY), "JDK " + feature);
    }
  }

  @Test
  void theUsersChoiceIsKept() {
    System.setProperty(LaunchMechanism.PROPERTY, "POSIX_SPAWN");
    LaunchMechanism.choose(17);
    assertEquals("POSIX_SPAWN", System.getProperty(LaunchMechanism.PROPERTY));
  }
}
