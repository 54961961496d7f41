package org.vigia.alerts;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.vigia.discovery.DiscoveryRunFinished;
import org.vigia.platform.Message;
import org.vigia.platform.PlatformText;

/**
 * Renders mails from the templates in {@code mail/}: a subject, a text part and an HTML part, in English or Spanish.
 * The HTML templates escape everything they print; the subject is one line, whatever a platform put in a name.
 */
@Component
class MailRenderer {

	/** A rendered mail. */
	record Rendered(String subject, String text, String html) {
	}

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	private final AlertsProperties properties;

	MailRenderer(AlertsProperties properties) {
		this.properties = properties;
		// The mail's own sentences first; finding summaries, subjects and labels are the dashboard's.
		messages.setBasenames("mail/messages", "messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
		engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
		engine.setTemplateEngineMessageSource(messages);
	}

	private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
		var resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("mail/");
		resolver.setSuffix(suffix);
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		resolver.setCacheable(true);
		return resolver;
	}

	/** The most findings a mail lists in each section; the rest are counted, with a link to the dashboard. */
	static final int MAX_LINES = 50;

	Rendered alert(Mail original) {
		var mail = new Mail(original.recipient(), original.locale(), localized(original.alerts(), original.locale()),
				localized(original.resolved(), original.locale()));
		var context = new Context(mail.locale());
		var shown = new Mail(mail.recipient(), mail.locale(), head(mail.alerts()), head(mail.resolved()));
		context.setVariable("mail", shown);
		context.setVariable("alertCount", mail.alerts().size());
		context.setVariable("moreAlerts", mail.alerts().size() - shown.alerts().size());
		context.setVariable("moreResolved", mail.resolved().size() - shown.resolved().size());
		context.setVariable("dashboard", properties.dashboard());
		return new Rendered(subject(mail), engine.process("alert.txt", context).strip() + "\n",
				engine.process("alert.html", context));
	}

	/** The lines with their subjects and summaries written in the mail's language. */
	private List<Mail.Line> localized(List<Mail.Line> lines, Locale locale) {
		return lines.stream().map(line -> localized(line, locale)).toList();
	}

	private Mail.Line localized(Mail.Line line, Locale locale) {
		return new Mail.Line(line.findingId(), line.type(), line.severity(), Message.render(line.subject(), messages, locale),
				Message.render(line.summary(), messages, locale), line.link());
	}

	private static List<Mail.Line> head(List<Mail.Line> lines) {
		return (lines.size() <= MAX_LINES) ? lines : lines.subList(0, MAX_LINES);
	}

	Rendered digest(Digest original) {
		var locale = original.locale();
		var digest = new Digest(original.recipient(), locale, original.date(), localized(original.opened(), locale),
				localized(original.resolved(), locale), original.reminders().stream()
					.map(r -> new Digest.Reminder(localized(r.line(), locale), r.days()))
					.toList());
		var context = new Context(digest.locale());
		context.setVariable("digest", digest);
		context.setVariable("date", date(digest.date(), digest.locale()));
		context.setVariable("remindDays", Math.max(1, properties.remindAfter().toDays()));
		context.setVariable("dashboard", properties.dashboard());
		var subject = message("digest.subject", digest.locale(), digest.opened().size(), digest.resolved().size());
		if (!digest.reminders().isEmpty()) {
			subject += message("digest.subject.reminders", digest.locale(), digest.reminders().size());
		}
		return new Rendered(oneLine(subject, 200), engine.process("digest.txt", context).strip() + "\n",
				engine.process("digest.html", context));
	}

	Rendered report(Report original) {
		var report = new Report(original.recipient(), original.locale(), original.week(), original.accounts(),
				original.change(), original.counts(), original.worst().stream()
					.map(o -> new Report.Offender(Message.render(o.subject(), messages, original.locale()),
							o.displayName(), o.state(), o.silentDays()))
					.toList(),
				original.recertified());
		var context = new Context(report.locale());
		context.setVariable("report", report);
		context.setVariable("week", date(report.week(), report.locale()));
		context.setVariable("dashboard", properties.dashboard());
		var subject = message("report.subject", report.locale(), report.accounts(), report.attention());
		return new Rendered(oneLine(subject, 200), engine.process("report.txt", context).strip() + "\n",
				engine.process("report.html", context));
	}

	Rendered discoveryRun(RunMail mail) {
		var context = new Context(mail.locale());
		var shown = new RunMail(mail.locale(), mail.run(),
				((mail.unexamined().size() <= MAX_LINES) ? mail.unexamined() : mail.unexamined().subList(0, MAX_LINES))
					.stream()
					.map(u -> new DiscoveryRunFinished.Unexamined(u.organizationId(), u.name(),
							Message.render(u.error(), messages, mail.locale())))
					.toList(),
				mail.link());
		context.setVariable("mail", shown);
		context.setVariable("unexamined", mail.unexamined().size());
		context.setVariable("moreUnexamined", mail.unexamined().size() - shown.unexamined().size());
		context.setVariable("notJudged", mail.candidatesNotJudged());
		context.setVariable("dashboard", properties.dashboard());
		var subject = message("run.subject." + mail.run().status().name(), mail.locale(), mail.run().id(),
				mail.run().errors());
		return new Rendered(oneLine(subject, 200), engine.process("discovery-run.txt", context).strip() + "\n",
				engine.process("discovery-run.html", context));
	}

	Rendered campaign(CampaignMail mail, Locale locale) {
		var context = new Context(locale);
		var closes = date(LocalDate.ofInstant(mail.closesAt(), properties.zone()), locale);
		context.setVariable("mail", mail);
		context.setVariable("closes", closes);
		context.setVariable("link", properties.dashboard() + mail.path());
		context.setVariable("dashboard", properties.dashboard());
		var subject = message("campaign.subject." + mail.kind().name(), locale, mail.accounts().size(), closes,
				mail.organization());
		return new Rendered(oneLine(subject, 200), engine.process("campaign.txt", context).strip() + "\n",
				engine.process("campaign.html", context));
	}

	private static String date(LocalDate date, Locale locale) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
	}

	private String subject(Mail mail) {
		var locale = mail.locale();
		String subject;
		if (mail.alerts().size() == 1 && mail.resolved().isEmpty()) {
			var line = mail.alerts().getFirst();
			subject = message("subject.one", locale, message("type." + line.type(), locale), line.subject(),
					clause(line.summary()));
		}
		else if (mail.alerts().isEmpty() && mail.resolved().size() == 1) {
			var line = mail.resolved().getFirst();
			subject = message("subject.resolved.one", locale, line.subject(), message("resolved." + line.type(), locale));
		}
		else if (mail.alerts().isEmpty()) {
			subject = message("subject.resolved.many", locale, mail.resolved().size());
		}
		else {
			Map<String, Long> byType = new LinkedHashMap<>();
			mail.alerts().forEach(line -> byType.merge(line.type(), 1L, Long::sum));
			var types = byType.entrySet().stream().map(e -> e.getValue() + " " + message("type." + e.getKey(), locale))
				.collect(Collectors.joining(", "));
			subject = message("subject.many", locale, mail.alerts().size(), types);
			if (!mail.resolved().isEmpty()) {
				subject += message("subject.and.resolved", locale, mail.resolved().size());
			}
		}
		return oneLine(subject, 200);
	}

	private String message(String code, Locale locale, Object... arguments) {
		return messages.getMessage(code, arguments, locale);
	}

	/** The first clause of a summary, as the tail of a subject: "no public post for 142 days". */
	private static String clause(String summary) {
		var first = summary.split(";", 2)[0].strip();
		return first.isEmpty() ? first : Character.toLowerCase(first.charAt(0)) + first.substring(1);
	}

	private static String oneLine(String text, int max) {
		var line = PlatformText.oneLine(text);
		return line.length() <= max ? line : line.substring(0, max - 1) + "…";
	}

}
