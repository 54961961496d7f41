package org.vigia.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class VaultTests {

	static final String KEY_A = Base64.getEncoder().encodeToString(bytes(1));

	static final String KEY_B = Base64.getEncoder().encodeToString(bytes(2));

	@Test
	void encryptsUnderTheCurrentKeyAndDecryptsWhatItWrote() {
		var vault = Vault.of(new SecretsProperties(KEY_A, null));
		var sealed = vault.encrypt("EAAB-page-token", "connection:1:access");
		assertThat(sealed).startsWith("v1:" + vault.currentKeyId() + ":").doesNotContain("EAAB");
		assertThat(vault.decrypt(sealed, "connection:1:access")).isEqualTo("EAAB-page-token");
		assertThat(vault.encrypt("EAAB-page-token", "connection:1:access")).as("a fresh IV each time").isNotEqualTo(sealed);
	}

	@Test
	void oldCiphertextStillDecryptsAfterRotationWhileNewWritesUseTheNewKey() {
		var before = Vault.of(new SecretsProperties(KEY_A, null));
		var old = before.encrypt("refresh-token", "connection:7:refresh");
		var after = Vault.of(new SecretsProperties(KEY_B, List.of(KEY_A)));
		assertThat(after.decrypt(old, "connection:7:refresh")).isEqualTo("refresh-token");
		assertThat(after.isOld(old)).isTrue();
		var fresh = after.encrypt("refresh-token", "connection:7:refresh");
		assertThat(fresh).startsWith("v1:" + after.currentKeyId() + ":");
		assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
		assertThat(after.isOld(fresh)).isFalse();
	}

	@Test
	void aCiphertextWhoseKeyIsGoneSaysWhichKeyItNeeds() {
		var old = Vault.of(new SecretsProperties(KEY_A, null)).encrypt("token", "connection:1:access");
		var vault = Vault.of(new SecretsProperties(KEY_B, null));
		assertThatIllegalStateException().isThrownBy(() -> vault.decrypt(old, "connection:1:access"))
			.withMessageContaining(Vault.of(new SecretsProperties(KEY_A, null)).currentKeyId())
			.withMessageContaining("VIGIA_SECRETS_OLD_KEYS");
	}

	@Test
	void aCiphertextCopiedToAnotherConnectionDoesNotDecrypt() {
		var vault = Vault.of(new SecretsProperties(KEY_A, null));
		var sealed = vault.encrypt("token", "connection:1:access");
		assertThatIllegalStateException().isThrownBy(() -> vault.decrypt(sealed, "connection:2:access"));
	}

	@Test
	void aGivenKeyIdIsKept() {
		var vault = Vault.of(new SecretsProperties("2026a:" + KEY_A, null));
		assertThat(vault.encrypt("token", "c")).startsWith("v1:2026a:");
	}

	@Test
	void aKeyOfTheWrongSizeNamesTheVariable() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Vault.of(new SecretsProperties(Base64.getEncoder().encodeToString(new byte[16]), null)))
			.withMessageContaining("VIGIA_SECRETS_KEY")
			.withMessageContaining("16 bytes");
		assertThatIllegalStateException().isThrownBy(() -> Vault.of(new SecretsProperties(KEY_A, List.of("not base64!"))))
			.withMessageContaining("VIGIA_SECRETS_OLD_KEYS");
	}

	@Test
	void withoutAKeyNothingIsEncrypted() {
		var vault = Vault.of(new SecretsProperties(null, null));
		assertThat(vault.canEncrypt()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> vault.encrypt("token", "c"))
			.withMessageContaining("VIGIA_SECRETS_KEY");
	}

	private static byte[] bytes(int seed) {
		var bytes = new byte[32];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (seed * 31 + i);
		}
		return bytes;
	}

}
