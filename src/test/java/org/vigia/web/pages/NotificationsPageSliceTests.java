package org.vigia.web.pages;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.vigia.alerts.Notification;
import org.vigia.alerts.Notifications;
import org.vigia.web.WebSliceTest;

/** The outbox page on its own: the banner only while mail is not configured, a page at a time. */
@WebSliceTest(NotificationsPage.class)
class NotificationsPageSliceTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Notifications notifications;

	static Notifications.Letter sent(long id) {
		var at = Instant.parse("2026-11-30T08:00:00Z");
		return new Notifications.Letter(new Notification(id, "REPORT", List.of("comunicacion@villaverde.example"),
				"[Vigía] Weekly report", "SENT", 1, null, "<vigia." + id + "@villaverde.example>", at, at.plusSeconds(90)),
				"Eleven accounts are active.");
	}

	@Test
	void onceSmtpIsConfiguredTheOutboxIsARecordOfWhatWasSentWithoutTheBanner() throws Exception {
		when(notifications.deliveryConfigured()).thenReturn(true);
		when(notifications.letters(any())).thenReturn(new PageImpl<>(List.of(sent(41)), PageRequest.of(2, 20), 60));

		mvc.perform(get("/notifications?page=2").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(view().name("notifications"))
			.andExpect(model().attribute("section", "notifications"))
			.andExpect(content().string(not(containsString("Mail is not configured"))))
			// in the reader's language and the organization's zone, the exact instant in the title
			.andExpect(content().string(containsString("Nov 30, 2026, 9:00")))
			.andExpect(content().string(containsString("title=\"2026-11-30T09:01:30+01:00 (Europe/Madrid)\"")))
			.andExpect(content().string(containsString("Weekly report")))
			.andExpect(model().attribute("previousUrl", containsString("/notifications?page=1")))
			.andExpect(content().string(not(containsString("page=3"))));
		verify(notifications).letters(PageRequest.of(2, 20));
	}

	@Test
	void withoutSmtpTheBannerSaysWhatToSet() throws Exception {
		when(notifications.deliveryConfigured()).thenReturn(false);
		when(notifications.letters(any())).thenReturn(new PageImpl<>(List.of()));

		mvc.perform(get("/notifications").with(user("ana").roles("EDITOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Mail is not configured")))
			.andExpect(content().string(containsString("SPRING_MAIL_HOST")));
	}

	@Test
	void theOutboxIsForSignedInUsersOnly() throws Exception {
		mvc.perform(get("/notifications").accept("text/html")).andExpect(status().is3xxRedirection());
	}

}
