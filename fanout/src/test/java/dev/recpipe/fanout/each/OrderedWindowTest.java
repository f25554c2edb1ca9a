package dev.recpipe.fanout.each;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderedWindowTest {
  @Test
  void aRecordDoneEarlyWaitsForTheOnesBeforeIt() {
    OrderedWindow<String> window = new OrderedWindow<>(3);
    OrderedWindow.Slot<String> a = window.add(0);
    OrderedWindow.Slot<String> b = window.add(1);
    b.complete("B");
    assertNull(window.pollReady());
    a.complete("A");
    assertEquals("A", window.pollReady().result());
    assertEquals("B", window.pollReady().result());
    assertNull(window.pollReady());
    assertTrue(window.isEmpty());
  }

  @Test
  void theWindowHoldsItsCapacityAndNoMoreUntilTheFirstLeaves() {
    OrderedWindow<String> window = new OrderedWindow<>(2);
    OrderedWindow.Slot<String> first = window.add(7);
    window.add(8).complete("later");
    assertTrue(window.isFull());
    assertThrows(IllegalStateException.class, () -> window.add(9));
    first.complete("first");
    assertEquals(7, window.pollReady().seq());
    assertFalse(window.isFull());
    window.add(9);
    assertEquals(2, window.size());
  }

  @Test
  void equalSeqsKeepTheirInputOrderAndNullIsAResult() {
    OrderedWindow<String> window = new OrderedWindow<>(3);
    OrderedWindow.Slot<String> x = window.add(5);
    OrderedWindow.Slot<String> y = window.add(5);
    y.complete("second");
    x.complete(null);
    assertNull(window.pollReady().result());
    assertEquals("second", window.pollReady().result());
  }

  @Test
  void completionsInAnyOrderComeOutInInputOrder() {
    Random random = new Random(14);
    for (int capacity = 1; capacity <= 9; capacity++) {
      OrderedWindow<Integer> window = new OrderedWindow<>(capacity);
      List<Integer> out = new ArrayList<>();
      List<OrderedWindow.Slot<Integer>> open = new ArrayList<>();
      int next = 0;
      while (out.size() < 200) {
        while (!window.isFull() && next < 200) open.add(window.add(next++));
        Collections.shuffle(open, random);
        OrderedWindow.Slot<Integer> done = open.remove(open.size() - 1);
        done.complete((int) done.seq());
        for (OrderedWindow.Slot<Integer> s = window.pollReady(); s != null; s = window.pollReady()) out.add(s.result());
      }
      for (int i = 0; i < 200; i++) assertEquals(i, out.get(i), "capacity " + capacity);
    }
  }

  @Test
  void aSlotCompletesOnceAndHasNoResultBefore() {
    OrderedWindow.Slot<String> slot = new OrderedWindow<String>(1).add(0);
    assertThrows(IllegalStateException.class, slot::result);
    slot.complete("x");
    assertThrows(IllegalStateException.class, () -> slot.complete("y"));
    assertThrows(IllegalArgumentException.class, () -> new OrderedWindow<String>(0));
  }
}
