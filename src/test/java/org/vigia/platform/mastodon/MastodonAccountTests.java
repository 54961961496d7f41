package org.vigia.platform.mastodon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.vigia.platform.adapter.Json;

import static org.assertj.core.api.Assertions.assertThat;

class MastodonAccountTests {

	@ParameterizedTest(name = "acct ''{0}'', url ''{1}'' -> {2}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			cultura@social.cultura.gob.example | https://social.cultura.gob.example/@cultura      | cultura@social.cultura.gob.example
			Cultura@Social.Cultura.Gob.Example | https://social.cultura.gob.example/@Cultura      | cultura@social.cultura.gob.example
			cultura_nueva                      | https://social.cultura.example/@cultura_nueva    | cultura_nueva@social.cultura.example
			cultura_nueva                      | http://127.0.0.1:8089/@cultura_nueva             | cultura_nueva@127.0.0.1:8089
			-                                  | https://social.cultura.example/@cultura_nueva    | cultura_nueva@social.cultura.example
			cultura                            | -                                                | -
			""")
	void namesTheNewAccountOfAMigrationAsNameAtServer(String acct, String url, String expected) {
		var moved = Json.parse("{\"id\": \"1\"" + field("acct", acct) + field("url", url) + "}");

		assertThat(MastodonAccount.movedTo(moved)).isEqualTo(expected);
	}

	@Test
	void readsNoAvatarWhereMastodonShowsItsPlaceholder() {
		var account = MastodonAccount.from(Json.parse("""
				{"id": "1", "acct": "cultura", "display_name": "  ", "note": "",
				 "avatar": "https://social.cultura.example/avatars/original/missing.png"}"""));

		assertThat(account).isNotNull();
		assertThat(account.profile().avatarUrl()).isNull();
		assertThat(account.profile().displayName()).isNull();
		assertThat(account.profile().bio()).isNull();
	}

	@Test
	void readsAccountsOfServersThatSendNumbersAndFullTimestamps() {
		// Older servers and some forks: numeric ids, last_status_at with a time.
		var account = MastodonAccount.from(Json.parse("""
				{"id": 42, "acct": "cultura", "last_status_at": "2019-06-03T10:00:00.000Z", "followers_count": 7,
				 "fields": [{"name": "Web", "value": "cultura.example"}], "unknown": {"nested": [1, 2]}}"""));

		assertThat(account).isNotNull();
		assertThat(account.id()).isEqualTo("42");
		assertThat(account.lastStatusDay()).isEqualTo("2019-06-03T10:00:00Z");
		assertThat(account.profile().followers()).isEqualTo(7);
		assertThat(account.profile().fields()).hasSize(1);
	}

	@Test
	void takesAnAnswerWithoutIdForNoAccount() {
		assertThat(MastodonAccount.from(Json.parse("{\"error\": \"Record not found\"}"))).isNull();
		assertThat(MastodonAccount.from(Json.parse("[]"))).isNull();
		assertThat(MastodonAccount.from(Json.parse("\"cultura\""))).isNull();
		assertThat(MastodonAccount.from(null)).isNull();
	}

	private static String field(String name, String value) {
		return (value == null) ? "" : ", \"" + name + "\": \"" + value + "\"";
	}

}
