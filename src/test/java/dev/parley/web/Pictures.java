package dev.parley.web;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Pictures for the web client's attachment tests. */
final class Pictures {

    private Pictures() {}

    /** A 240×120 PNG: an orange-to-purple gradient. */
    static byte[] gradient() {
        BufferedImage image = new BufferedImage(240, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(0xF97316), 0, 120, new Color(0x7C3AED)));
        graphics.fillRect(0, 0, 240, 120);
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
