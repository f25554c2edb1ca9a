package dev.recpipe.common.testing;

import java.util.HexFormat;

/** Hex as docs/FORMAT.md writes it: pairs of lowercase digits, spaces ignored. */
public final class Hex {
  private Hex() {}

  public static byte[] decode(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
  }

  public static String encode(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
