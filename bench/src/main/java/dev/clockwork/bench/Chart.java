package dev.clockwork.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The throughput results as a horizontal bar chart (PNG), drawn with the JDK's own 2D graphics, headless. */
final class Chart {

    private static final int WIDTH = 900;
    private static final int ROW = 26;
    private static final int LABEL = 380;
    private static final int TOP = 50;

    private Chart() {
    }

    static void throughput(List<Result> results, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Result> rows = results.stream().filter(r -> r.workload().equals("throughput")).toList();
        if (rows.isEmpty()) {
            return;
        }
        double max = rows.stream().mapToDouble(Result::value).max().orElse(1);
        int height = TOP + rows.size() * ROW + 40;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("Throughput, executions per second (same machine, same run)", 10, 25);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int barSpace = WIDTH - LABEL - 90;
            for (int i = 0; i < rows.size(); i++) {
                Result r = rows.get(i);
                int y = TOP + i * ROW;
                g.setColor(Color.BLACK);
                g.drawString(r.contender() + " x" + r.nodes() + ", " + r.db(), 10, y + 17);
                int bar = (int) Math.max(1, Math.round(r.value() / max * barSpace));
                g.setColor(r.contender().equals("clockwork") ? new Color(0x1f77b4)
                        : r.contender().equals("limit") ? new Color(0x999999) : new Color(0xff7f0e));
                g.fillRect(LABEL, y + 4, bar, ROW - 8);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%,.0f", r.value()), LABEL + bar + 6, y + 17);
            }
            g.setStroke(new BasicStroke(1));
            g.drawLine(LABEL, TOP, LABEL, TOP + rows.size() * ROW);
            g.setColor(Color.DARK_GRAY);
            g.drawString("blue: Clockwork, orange: db-scheduler and Quartz, grey: the raw-JDBC limit", 10,
                    height - 12);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }
}
