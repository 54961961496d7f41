package org.vigia.discovery.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

import org.junit.jupiter.api.Test;

/** The avatar dHash: stable across re-uploads, far apart for different pictures, safe on hostile bytes. */
class AvatarHashTests {

	@Test
	void aResizedAndRecompressedCopyStaysWithinAFewBits() throws IOException {
		var original = shield(new Color(180, 20, 40), new Color(250, 200, 0), "MA", 400);
		long hash = hash(png(original));
		assertThat(AvatarHash.distance(hash, hash(png(resize(original, 128))))).isLessThanOrEqualTo(3);
		assertThat(AvatarHash.distance(hash, hash(jpeg(resize(original, 200), 0.5f)))).isLessThanOrEqualTo(4);
		assertThat(AvatarHash.distance(hash, hash(jpeg(resize(original, 48), 0.7f)))).isLessThanOrEqualTo(6);
	}

	@Test
	void aSlightlyCroppedCopyStaysClose() throws IOException {
		var original = shield(new Color(0, 80, 160), Color.WHITE, "VG", 400);
		var cropped = resize(original.getSubimage(16, 16, 368, 368), 256);
		assertThat(AvatarHash.distance(hash(png(original)), hash(jpeg(cropped, 0.8f)))).isLessThanOrEqualTo(12);
	}

	@Test
	void differentAvatarsAreFarApart() throws IOException {
		long madrid = hash(png(shield(new Color(180, 20, 40), new Color(250, 200, 0), "MA", 256)));
		var other = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
		var g = other.createGraphics();
		g.setPaint(new GradientPaint(0, 256, Color.WHITE, 256, 0, new Color(0, 80, 160)));
		g.fillRect(0, 0, 256, 256);
		g.setColor(new Color(230, 120, 0));
		g.fillRect(150, 20, 90, 220);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SERIF, Font.BOLD, 90));
		g.drawString("VG", 10, 90);
		g.dispose();
		long vigo = hash(png(other));
		assertThat(AvatarHash.distance(madrid, vigo)).isGreaterThan(16);
	}

	@Test
	void garbageAndHostileBytesGiveNull() throws IOException {
		assertThat(AvatarHash.dHash(new byte[0])).isNull();
		assertThat(AvatarHash.dHash("not an image".getBytes())).isNull();
		var random = new byte[4096];
		new Random(7).nextBytes(random);
		assertThat(AvatarHash.dHash(random)).isNull();
		var png = png(shield(Color.RED, Color.BLUE, "X", 64));
		var truncated = java.util.Arrays.copyOf(png, png.length / 2);
		assertThat(AvatarHash.dHash(truncated)).isNull();
		// A PNG header that claims 100000 x 100000 pixels: refused before decoding a single row.
		var huge = png.clone();
		writeInt(huge, 16, 100_000);
		writeInt(huge, 20, 100_000);
		assertThat(AvatarHash.dHash(huge)).isNull();
	}

	@Test
	void imagesLargerThan4096PixelsASideAreRefused() throws IOException {
		var wide = new BufferedImage(4097, 8, BufferedImage.TYPE_INT_RGB);
		assertThat(AvatarHash.dHash(png(wide))).isNull();
		assertThat(AvatarHash.dHash(png(new BufferedImage(4096, 8, BufferedImage.TYPE_INT_RGB)))).isNotNull();
	}

	@Test
	void gifAndTransparentPngDecode() throws IOException {
		var image = shield(new Color(0, 120, 60), Color.WHITE, "GI", 128);
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "gif", out);
		assertThat(AvatarHash.dHash(out.toByteArray())).isNotNull();
		var transparent = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
		assertThat(AvatarHash.dHash(png(transparent))).isEqualTo(0L);
	}

	private static long hash(byte[] bytes) {
		var hash = AvatarHash.dHash(bytes);
		assertThat(hash).isNotNull();
		return hash;
	}

	private static void writeInt(byte[] bytes, int at, int value) {
		bytes[at] = (byte) (value >>> 24);
		bytes[at + 1] = (byte) (value >>> 16);
		bytes[at + 2] = (byte) (value >>> 8);
		bytes[at + 3] = (byte) value;
	}

	static BufferedImage shield(Color main, Color accent, String text, int size) {
		var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setPaint(new GradientPaint(0, 0, main, size, size, main.darker()));
		g.fillRect(0, 0, size, size);
		g.setColor(accent);
		g.fillOval(size / 8, size / 8, size / 2, size * 3 / 4);
		g.fillRect(size / 2, size / 3, size / 3, size / 2);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size / 3));
		g.drawString(text, size / 5, size * 2 / 3);
		g.dispose();
		return image;
	}

	private static BufferedImage resize(BufferedImage image, int side) {
		var resized = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
		var g = resized.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.drawImage(image, 0, 0, side, side, null);
		g.dispose();
		return resized;
	}

	private static byte[] png(BufferedImage image) throws IOException {
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
		var out = new ByteArrayOutputStream();
		var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		var param = writer.getDefaultWriteParam();
		param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
		param.setCompressionQuality(quality);
		try (var stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		writer.dispose();
		return out.toByteArray();
	}

}
