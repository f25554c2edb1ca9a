import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Horizontal bar charts for bench/pipeline.sh, one panel under another in one PNG, with nothing
 * but the JDK (java.awt, javax.imageio), so the benchmark needs no plotting library.
 *
 * <pre>{@code
 * java -Djava.awt.headless=true bench/Chart.java out.png "Median wall time" s walls.tsv \
 *     "Speedup over serial" x speedups.tsv
 * }</pre>
 *
 * <p>Arguments: the PNG to write, then TITLE UNIT FILE for each panel. Each line of FILE is a bar,
 * tab-separated: label, value, kind ({@code recpipe} bars are blue, anything else grey) and
 * optionally a target value, drawn as a dashed tick (the ideal speedup, say).
 */
public final class Chart {
  private static final int WIDTH = 1100;
  private static final int BAR_HEIGHT = 22;
  private static final int BAR_GAP = 8;
  private static final int TITLE_HEIGHT = 44;
  private static final int PANEL_BOTTOM = 30;
  private static final int MARGIN = 16;
  private static final int VALUE_ROOM = 90;
  private static final Color RECPIPE = new Color(0x2f6db5);
  private static final Color PEER = new Color(0x9a9a9a);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);

  record Bar(String label, double value, boolean recpipe, double target) {}

  record Panel(String title, String unit, List<Bar> bars) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 4 || (args.length - 1) % 3 != 0) {
      System.err.println("usage: Chart OUT.png TITLE UNIT FILE [TITLE UNIT FILE...]");
      System.exit(2);
    }
    List<Panel> panels = new ArrayList<>();
    for (int i = 1; i < args.length; i += 3) panels.add(new Panel(args[i], args[i + 1], readBars(Path.of(args[i + 2]))));
    ImageIO.write(draw(panels), "png", new File(args[0]));
  }

  static List<Bar> readBars(Path file) throws IOException {
    List<Bar> bars = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) continue;
      String[] fields = line.split("\t");
      double target = fields.length > 3 ? Double.parseDouble(fields[3]) : Double.NaN;
      bars.add(new Bar(fields[0], Double.parseDouble(fields[1]), fields[2].equals("recpipe"), target));
    }
    return bars;
  }

  static BufferedImage draw(List<Panel> panels) {
    int height = 0;
    for (Panel panel : panels) height += panelHeight(panel);
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setFont(LABEL_FONT);
    int left = MARGIN + widestLabel(g.getFontMetrics(), panels) + 10; // one axis line for every panel
    int top = 0;
    for (Panel panel : panels) {
      drawPanel(g, panel, top, left);
      top += panelHeight(panel);
    }
    g.dispose();
    return image;
  }

  private static int panelHeight(Panel panel) {
    return TITLE_HEIGHT + panel.bars().size() * (BAR_HEIGHT + BAR_GAP) + PANEL_BOTTOM;
  }

  private static int widestLabel(FontMetrics metrics, List<Panel> panels) {
    int widest = 0;
    for (Panel panel : panels) {
      for (Bar bar : panel.bars()) widest = Math.max(widest, metrics.stringWidth(bar.label()));
    }
    return widest;
  }

  private static void drawPanel(Graphics2D g, Panel panel, int top, int left) {
    g.setFont(TITLE_FONT);
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), MARGIN, top + 28);
    g.setFont(LABEL_FONT);
    double max = 0;
    for (Bar bar : panel.bars()) {
      max = Math.max(max, Double.isNaN(bar.target()) ? bar.value() : Math.max(bar.value(), bar.target()));
    }
    double scale = (WIDTH - left - VALUE_ROOM - MARGIN) / (max > 0 ? max : 1);
    int y = top + TITLE_HEIGHT;
    for (Bar bar : panel.bars()) {
      drawBar(g, bar, left, y, scale, panel.unit());
      y += BAR_HEIGHT + BAR_GAP;
    }
    g.setColor(Color.GRAY);
    g.drawLine(left, top + TITLE_HEIGHT - 4, left, y - BAR_GAP + 4);
  }

  private static void drawBar(Graphics2D g, Bar bar, int left, int y, double scale, String unit) {
    FontMetrics metrics = g.getFontMetrics();
    int baseline = y + (BAR_HEIGHT + metrics.getAscent() - metrics.getDescent()) / 2;
    int length = (int) Math.round(bar.value() * scale);
    g.setColor(Color.BLACK);
    g.drawString(bar.label(), left - 10 - metrics.stringWidth(bar.label()), baseline);
    g.setColor(bar.recpipe() ? RECPIPE : PEER);
    g.fillRect(left, y, Math.max(length, 1), BAR_HEIGHT);
    String text = String.format(Locale.ROOT, unit.equals("x") ? "%.2f%s" : "%.2f %s", bar.value(), unit);
    int textX = left + length + 6;
    if (!Double.isNaN(bar.target())) {
      int x = left + (int) Math.round(bar.target() * scale);
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
      g.drawLine(x, y - 3, x, y + BAR_HEIGHT + 3);
      g.setStroke(new BasicStroke());
      if (x >= textX - 6 && x <= textX + metrics.stringWidth(text)) textX = x + 6; // not through the text
    }
    g.setColor(Color.BLACK);
    g.drawString(text, textX, baseline);
  }
}
