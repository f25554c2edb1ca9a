/**
 * The JVM's own cost, for bench/worker.sh and bench/pipeline.sh: start, print a line, exit. What a
 * fanout worker costs above this is the price of its work and of its start-up.
 *
 * <pre>{@code
 * javac -d /tmp/hello bench/peers/Hello.java && java -cp /tmp/hello Hello
 * }</pre>
 */
public final class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
