package dev.recpipe.docgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ZshCompletionTest {
  @Test
  void anOptionIsListedWithItsFirstSentence() {
    assertEquals("Skip the first row", ZshCompletion.summary(new String[] {"Skip the first row. Then more.", "Next."}));
    assertEquals("Read the pipes PIPE... as they arrive",
        ZshCompletion.summary(new String[] {"Read the pipes PIPE... as they arrive."}));
    assertEquals("Ends with dots...", ZshCompletion.summary(new String[] {"Ends with dots..."}));
    assertEquals("", ZshCompletion.summary(new String[0]));
  }
}
