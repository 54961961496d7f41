package org.vigia.discovery.scoring;

import java.time.Duration;
import java.util.Objects;

/**
 * The points each signal is worth, the bars some signals must clear, and the impersonation threshold. Positive
 * weights count towards impersonation, negative ones against; the defaults were tuned on one half of the labelled
 * look-alike benchmark ({@code bench/lookalikes.sh}) and checked on the other.
 *
 * @param impersonationThreshold points at or above which a candidate without proof of control is an impersonation
 * @param handleSameName the same name as an official handle, on another server or platform or with other separators
 * @param handleConfusable a handle that reads as an official one (TR39 skeleton plus ASCII look-alikes 1/l/i, 0/o,
 * rn/m, vv/w, cl/d)
 * @param handleEditOne an official handle with one edit (Damerau-Levenshtein: omission, repetition, transposition,
 * replacement)
 * @param handleEditTwo an official handle with two edits, for handles of at least {@code 8} characters
 * @param handleAffix an official handle plus a known affix (oficial, info, prensa, ayuda, soporte, news, country code)
 * @param handleAffixOther an official handle plus another affix set off by a separator
 * @param displayEqual display name equal to an official name after normalisation
 * @param displayNear display name within two edits of an official name after normalisation
 * @param mixedScript letters of more than one script (Latin with Cyrillic or Greek) in the handle or display name
 * @param invisible invisible characters (zero-width, bidi controls) in the handle or display name
 * @param bioCopied a bio at least {@code bioCopiedPercent} similar to an official one
 * @param bioCopiedPercent character-trigram similarity (Dice, in percent) from which a bio counts as copied
 * @param linksCopied unverified links to an official domain or to an official account's link
 * @param avatarClose an avatar within {@code avatarCloseBits} of an official one (64-bit dHash)
 * @param avatarNear an avatar within {@code avatarNearBits} of an official one
 * @param avatarCloseBits Hamming distance for {@code avatarClose}
 * @param avatarNearBits Hamming distance for {@code avatarNear}
 * @param youngAccountPoints an account younger than {@code youngAccount}, counted only next to a resemblance
 * @param distinctiveToken (negative) the display name's distinctive word is another one: another town's name
 * @param extraToken (negative) the display name adds distinctive words to the institution's: a department, a club,
 * a business
 * @param declaredParody (negative) the bio or display name declares parody, fan or unofficial account
 * @param allowlisted (negative) the institution vouched for this handle
 * @param youngAccount the age under which an account counts as young
 */
public record ScoringWeights(int impersonationThreshold, int handleSameName, int handleConfusable, int handleEditOne,
		int handleEditTwo, int handleAffix, int handleAffixOther, int displayEqual, int displayNear, int mixedScript,
		int invisible, int bioCopied, int bioCopiedPercent, int linksCopied, int avatarClose, int avatarNear,
		int avatarCloseBits, int avatarNearBits, int youngAccountPoints, int distinctiveToken, int extraToken,
		int declaredParody, int allowlisted, Duration youngAccount) {

	public ScoringWeights {
		Objects.requireNonNull(youngAccount, "youngAccount");
		if (impersonationThreshold <= 0) {
			throw new IllegalArgumentException("impersonationThreshold must be positive, was " + impersonationThreshold);
		}
		if (bioCopiedPercent < 1 || bioCopiedPercent > 100) {
			throw new IllegalArgumentException("bioCopiedPercent must be between 1 and 100, was " + bioCopiedPercent);
		}
		if (avatarCloseBits < 0 || avatarNearBits < avatarCloseBits || avatarNearBits > 64) {
			throw new IllegalArgumentException("avatar bits must satisfy 0 <= avatarCloseBits (" + avatarCloseBits
					+ ") <= avatarNearBits (" + avatarNearBits + ") <= 64");
		}
		if (distinctiveToken > 0 || extraToken > 0 || declaredParody > 0 || allowlisted > 0) {
			throw new IllegalArgumentException(
					"distinctiveToken, extraToken, declaredParody and allowlisted count against impersonation: "
							+ "they must be zero or negative");
		}
		if (youngAccount.isNegative()) {
			throw new IllegalArgumentException("youngAccount must not be negative, was " + youngAccount);
		}
	}

	/** The tuned defaults. */
	public static ScoringWeights defaults() {
		return new ScoringWeights(60, 60, 60, 50, 30, 50, 25, 50, 25, 20, 20, 30, 80, 20, 35, 20, 6, 12, 10, -70, -25,
				-100, -1000, Duration.ofDays(90));
	}

	/** These weights with another impersonation threshold. */
	public ScoringWeights withThreshold(int threshold) {
		return new ScoringWeights(threshold, handleSameName, handleConfusable, handleEditOne, handleEditTwo,
				handleAffix, handleAffixOther, displayEqual, displayNear, mixedScript, invisible, bioCopied,
				bioCopiedPercent, linksCopied, avatarClose, avatarNear, avatarCloseBits, avatarNearBits,
				youngAccountPoints, distinctiveToken, extraToken, declaredParody, allowlisted, youngAccount);
	}

}
