package org.vigia.discovery.scoring;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

import org.jspecify.annotations.Nullable;

/**
 * A 64-bit difference hash (dHash) of an avatar: the image shrunk to 9x8 grey cells (box average, so resizing barely
 * moves it), one bit per pair of neighbouring cells saying whether brightness falls to the right. Re-encoded, resized
 * and slightly cropped copies of a picture land a few bits apart; different pictures about 32. Avatars come from
 * anyone, so decoding is limited to PNG, JPEG and GIF of at most 4096x4096 pixels and never throws.
 */
public final class AvatarHash {

	static final int MAX_SIDE = 4096;

	private static final Set<String> FORMATS = Set.of("png", "jpeg", "jpg", "gif");

	/** Differences of mean brightness below this are ties: flat areas must not flip bits on re-encoding noise. */
	private static final double TIE = 2.0;

	private AvatarHash() {
	}

	/** The dHash of an encoded image; null when the bytes are not a PNG, JPEG or GIF image of acceptable size. */
	public static @Nullable Long dHash(byte[] image) {
		if (image == null || image.length == 0) {
			return null;
		}
		try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
			if (input == null) {
				return null;
			}
			var readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				return null;
			}
			ImageReader reader = readers.next();
			try {
				if (!FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
					return null;
				}
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
					return null;
				}
				var decoded = reader.read(0);
				return (decoded == null) ? null : of(decoded);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			// Hostile or broken bytes: ImageIO signals them with any of these.
			return null;
		}
	}

	/** The dHash of a decoded image. */
	static long of(BufferedImage image) {
		int width = image.getWidth();
		int height = image.getHeight();
		var sums = new double[8][9];
		var counts = new int[8][9];
		var row = new int[width];
		for (int y = 0; y < height; y++) {
			image.getRGB(0, y, width, 1, row, 0, width);
			int cellY = (int) ((long) y * 8 / height);
			for (int x = 0; x < width; x++) {
				int argb = row[x];
				int alpha = argb >>> 24;
				// Transparent pixels read as white, as most pages show avatars on white.
				double r = blend((argb >> 16) & 0xFF, alpha);
				double g = blend((argb >> 8) & 0xFF, alpha);
				double b = blend(argb & 0xFF, alpha);
				int cellX = (int) ((long) x * 9 / width);
				sums[cellY][cellX] += 0.299 * r + 0.587 * g + 0.114 * b;
				counts[cellY][cellX]++;
			}
		}
		long hash = 0;
		for (int y = 0; y < 8; y++) {
			for (int x = 0; x < 8; x++) {
				double left = mean(sums, counts, y, x);
				double right = mean(sums, counts, y, x + 1);
				hash = (hash << 1) | ((left - right > TIE) ? 1 : 0);
			}
		}
		return hash;
	}

	private static double blend(int channel, int alpha) {
		return (channel * alpha + 255.0 * (255 - alpha)) / 255.0;
	}

	private static double mean(double[][] sums, int[][] counts, int y, int x) {
		return (counts[y][x] == 0) ? 0 : sums[y][x] / counts[y][x];
	}

	/** The number of bits two hashes differ in: 0 for the same picture, about 32 for unrelated ones. */
	public static int distance(long a, long b) {
		return Long.bitCount(a ^ b);
	}

}
