package dev.recpipe.common;

import com.fasterxml.jackson.core.JsonToken;

/** Names CBOR items in error messages, as a user would say them: "a string", "an array". */
public final class Tokens {
  private Tokens() {}

  public static String describe(JsonToken token) {
    if (token == null) return "end of input";
    switch (token) {
      case START_ARRAY:
        return "an array";
      case END_ARRAY:
        return "the end of an array";
      case START_OBJECT:
        return "a map";
      case END_OBJECT:
        return "the end of a map";
      case FIELD_NAME:
        return "a map key";
      case VALUE_NUMBER_INT:
        return "an integer";
      case VALUE_NUMBER_FLOAT:
        return "a float";
      case VALUE_STRING:
        return "a text string";
      case VALUE_EMBEDDED_OBJECT:
        return "a byte string";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.toString();
    }
  }
}
