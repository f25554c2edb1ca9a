package dev.recpipe.fanout.each;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The placeholder rules, as GNU parallel and xargs have them (docs/fanout.md). */
class ArgumentTemplateTest {
  @Test
  void thePlaceholderIsReplacedWholeAndInsideLargerArguments() {
    ArgumentTemplate template = ArgumentTemplate.of(List.of("/bin/cmd", "{}", "--in={}", "{}{}.out", "-x"));
    assertEquals(List.of("/bin/cmd", "a b", "--in=a b", "a ba b.out", "-x"), template.fill("a b"));
  }

  @Test
  void withoutAPlaceholderTheTextIsTheLastArgument() {
    assertEquals(List.of("/bin/wc", "-l", "-n x"), ArgumentTemplate.of(List.of("/bin/wc", "-l")).fill("-n x"));
    assertEquals(List.of("/bin/cat", "f"), ArgumentTemplate.of(List.of("/bin/cat")).fill("f"));
  }

  @Test
  void theProgramIsNeverFilledInNorIsItsPlaceholderCounted() {
    ArgumentTemplate template = ArgumentTemplate.of(List.of("/odd/{}", "-v"));
    assertEquals("/odd/{}", template.program());
    assertEquals(List.of("/odd/{}", "-v", "t"), template.fill("t"));
  }

  @Test
  void textHoldingThePlaceholderOrQuotesGoesInAsItIs() {
    ArgumentTemplate template = ArgumentTemplate.of(List.of("/bin/echo", "<{}>"));
    assertEquals(List.of("/bin/echo", "<{}'\"$HOME;`x`>"), template.fill("{}'\"$HOME;`x`"));
    assertEquals(List.of("/bin/echo", "<>"), template.fill(""));
  }
}
