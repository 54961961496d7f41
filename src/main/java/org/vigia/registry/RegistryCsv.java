package org.vigia.registry;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.vigia.common.Audited;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.vigia.common.Visibility;
import org.vigia.platform.Message;
import org.vigia.platform.Platform;

/**
 * The registry as a spreadsheet: imports a CSV all or nothing, with set-based writes, and exports one that imports
 * back as a no-op.
 */
@Service
public class RegistryCsv {

	/** The columns of the registry CSV, in the order the export writes them. */
	public static final List<String> COLUMNS = Arrays.stream(AccountField.values()).map(AccountField::column).toList();

	/**
	 * The columns the export appends after {@link #COLUMNS}, from the latest answer an owner gave about the account
	 * (recertification): read-only facts, which the import accepts and ignores so that an export imports back unchanged.
	 */
	public static final List<String> ATTESTATION_COLUMNS = List.of("attested_at", "attested_by", "attested_via",
			"attested_still_official", "attested_administrators", "attested_two_factor",
			"attested_institutional_recovery", "attested_last_post");

	/** The appended cells of one account, one per {@link #ATTESTATION_COLUMNS} (all null when nobody answered). */
	@FunctionalInterface
	public interface AttestationCells {

		List<@Nullable Object> of(long accountId);

	}

	private static final Logger log = LoggerFactory.getLogger(RegistryCsv.class);

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

	private final JdbcClient jdbc;

	private final RegistryProperties properties;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Visibility visibility;

	RegistryCsv(JdbcClient jdbc, RegistryProperties properties, Clock clock, ApplicationEventPublisher events,
			Visibility visibility) {
		this.visibility = visibility;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.events = events;
	}

	/** The largest file {@link #importCsv} accepts, so the web layer can stop reading early. */
	public long maxImportBytes() {
		return properties.importMaxBytes();
	}

	/**
	 * Imports a registry CSV: every line is checked first; if any is bad, nothing is written and
	 * {@link ImportRejectedException} lists every error. Organizations and units named in the file are created; a line
	 * naming an account already registered (archived ones included) updates it.
	 */
	@Transactional
	public ImportReport importCsv(byte[] content, boolean dryRun) {
		long started = System.nanoTime();
		var lines = parse(content, dryRun);
		var plan = plan(lines);
		if (!plan.errors.isEmpty()) {
			throw new ImportRejectedException(ImportReport.rejected(dryRun, plan.errors));
		}
		var report = new ImportReport(dryRun, plan.creates.size(), plan.updates.size(), plan.unchanged,
				plan.newOrganizations.size(), plan.newUnits.size(), List.of());
		if (!dryRun) {
			write(plan);
			events.publishEvent(Audited.change("registry.imported", "registry", null, null, null, report));
		}
		log.info("Registry import{} of {} lines: {} created, {} updated, {} unchanged, {} organizations and {} units "
				+ "created, in {} ms", dryRun ? " (dry run)" : "", lines.size(), report.created(), report.updated(),
				report.unchanged(), report.organizationsCreated(), report.unitsCreated(),
				(System.nanoTime() - started) / 1_000_000);
		return report;
	}

	/**
	 * Writes every active account of the organizations the person asking may see as a registry CSV, streaming from the database. A cell a spreadsheet would take for
	 * a formula gets a leading apostrophe, which import takes off again.
	 */
	@Transactional(readOnly = true)
	public void export(Writer writer) throws IOException {
		export(writer, null);
	}

	/**
	 * Writes every active account as a registry CSV with the attestation columns appended at the end (after every
	 * column of {@link #COLUMNS}, which keep their names and order).
	 */
	@Transactional(readOnly = true)
	public void export(Writer writer, @Nullable AttestationCells attestations) throws IOException {
		var header = new ArrayList<>(COLUMNS);
		if (attestations != null) {
			header.addAll(ATTESTATION_COLUMNS);
		}
		// Not closed here: the writer belongs to the caller.
		var printer = new CSVPrinter(writer, FORMAT.builder().setHeader(header.toArray(String[]::new)).get());
		var seen = visibility.seen();
		{
			jdbc.sql("""
					select a.id, o.name as organization, u.name as unit, a.platform, a.handle, a.url, a.display_name,
					       a.contact_email, a.purpose, a.language, a.max_silence_days, a.notes
					from account a
					join organization o on o.id = a.organization_id
					left join unit u on u.id = a.unit_id
					where a.status = 'ACTIVE' and (:all or a.organization_id = any(:seen))
					order by lower(o.name), lower(u.name) nulls first, a.platform, a.handle
					""").param("all", seen.all()).param("seen", seen.array()).query(rs -> {
				try {
					var record = new ArrayList<@Nullable Object>(header.size());
					record.addAll(Arrays.asList(cell(rs.getString("organization")), cell(rs.getString("unit")),
							Platform.valueOf(rs.getString("platform")).id(), cell(rs.getString("handle")),
							cell(rs.getString("url")), cell(rs.getString("display_name")),
							cell(rs.getString("contact_email")), cell(rs.getString("purpose")),
							cell(rs.getString("language")), rs.getObject("max_silence_days"), cell(rs.getString("notes"))));
					if (attestations != null) {
						var cells = attestations.of(rs.getLong("id"));
						for (int i = 0; i < ATTESTATION_COLUMNS.size(); i++) {
							var value = (i < cells.size()) ? cells.get(i) : null;
							record.add((value instanceof String text) ? cell(text) : value);
						}
					}
					printer.printRecord(record);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		printer.flush();
	}

	private static @Nullable String cell(@Nullable String value) {
		return (value == null) ? null : SpreadsheetCells.exported(value);
	}

	// Parsing

	private record Line(int number, AccountInputs.Outcome outcome) {
	}

	private List<Line> parse(byte[] content, boolean dryRun) {
		var text = decode(content, dryRun);
		if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
			text = text.substring(1);
		}
		var lines = new ArrayList<Line>();
		var errors = new ArrayList<ImportError>();
		Map<String, Integer> header = null;
		int headerFields = 0;
		long lastRecordStart = -1;
		try (var parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
			var lineCounter = new LineCounter(text);
			for (var record : parser) {
				lastRecordStart = record.getCharacterPosition();
				int number = lineCounter.lineAt(record.getCharacterPosition());
				if (header == null) {
					header = header(record, errors);
					headerFields = record.size();
					if (!errors.isEmpty()) {
						break;
					}
					continue;
				}
				if (isBlank(record)) {
					continue;
				}
				if (lines.size() >= properties.importMaxLines()) {
					errors.add(new ImportError(number, null,
							Message.of("import.tooManyLines", properties.importMaxLines())));
					break;
				}
				if (record.size() != headerFields) {
					errors.add(new ImportError(number, null,
							Message.of("import.fieldCount", record.size(), headerFields)));
					continue;
				}
				var outcome = AccountInputs.check(input(record, header), true);
				for (var problem : outcome.problems()) {
					errors.add(new ImportError(number, problem.field().column(), problem.message()));
				}
				lines.add(new Line(number, outcome));
				if (errors.size() >= properties.importMaxErrors()) {
					break;
				}
			}
			if (header == null) {
				errors.add(new ImportError(1, null, Message.of("import.empty", String.join(",", COLUMNS))));
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			errors.add(brokenRecord(text, (lastRecordStart < 0) ? 0 : CsvQuoting.record(text, (int) lastRecordStart).end(),
					header, ex));
		}
		if (!errors.isEmpty()) {
			throw new ImportRejectedException(ImportReport.rejected(dryRun, errors));
		}
		return lines;
	}

	/** Line numbers as an editor shows them, for character positions visited in increasing order. */
	private static final class LineCounter {

		private final String text;

		private int position;

		private int line = 1;

		LineCounter(String text) {
			this.text = text;
		}

		int lineAt(long target) {
			for (; position < target && position < text.length(); position++) {
				char c = text.charAt(position);
				if (c == '\n' || (c == '\r' && (position + 1 >= text.length() || text.charAt(position + 1) != '\n'))) {
					line++;
				}
			}
			return line;
		}

	}

	private static String decode(byte[] content, boolean dryRun) {
		var decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		var buffer = ByteBuffer.wrap(content);
		try {
			return decoder.decode(buffer).toString();
		}
		catch (CharacterCodingException ex) {
			int line = 1;
			for (int i = 0; i < buffer.position() && i < content.length; i++) {
				if (content[i] == '\n') {
					line++;
				}
			}
			throw new ImportRejectedException(ImportReport.rejected(dryRun, List.of(new ImportError(line, null,
					Message.of("import.notUtf8")))));
		}
	}

	private static Map<String, Integer> header(CSVRecord record, List<ImportError> errors) {
		var header = new LinkedHashMap<String, Integer>();
		for (int i = 0; i < record.size(); i++) {
			var name = record.get(i).strip().toLowerCase(Locale.ROOT);
			if (ATTESTATION_COLUMNS.contains(name)) {
				// An export's read-only facts: taken as they come, never written.
				continue;
			}
			if (!COLUMNS.contains(name)) {
				errors.add(new ImportError(1, name,
						Message.of("import.header.unknown", record.get(i), String.join(",", COLUMNS))));
			}
			else if (header.putIfAbsent(name, i) != null) {
				errors.add(new ImportError(1, name, Message.of("import.header.twice", name)));
			}
		}
		for (var required : List.of(AccountField.ORGANIZATION, AccountField.PLATFORM)) {
			if (!header.containsKey(required.column())) {
				errors.add(new ImportError(1, required.column(),
						Message.of("import.header.missing", required.column())));
			}
		}
		if (!header.containsKey(AccountField.HANDLE.column()) && !header.containsKey(AccountField.URL.column())) {
			errors.add(new ImportError(1, AccountField.HANDLE.column(), Message.of("import.header.noHandle")));
		}
		return header;
	}

	private static boolean isBlank(CSVRecord record) {
		for (var value : record) {
			if (!value.isBlank()) {
				return false;
			}
		}
		return true;
	}

	private static AccountInput input(CSVRecord record, Map<String, Integer> header) {
		return new AccountInput(field(record, header, AccountField.ORGANIZATION), field(record, header, AccountField.UNIT),
				field(record, header, AccountField.PLATFORM), field(record, header, AccountField.HANDLE),
				field(record, header, AccountField.URL), field(record, header, AccountField.DISPLAY_NAME),
				field(record, header, AccountField.CONTACT_EMAIL), field(record, header, AccountField.PURPOSE),
				field(record, header, AccountField.LANGUAGE), field(record, header, AccountField.MAX_SILENCE_DAYS),
				field(record, header, AccountField.NOTES));
	}

	private static @Nullable String field(CSVRecord record, Map<String, Integer> header, AccountField field) {
		var index = header.get(field.column());
		return index == null ? null : SpreadsheetCells.imported(record.get(index));
	}

	/**
	 * The error of the record Commons CSV could not read, at the line where that record starts: Commons CSV itself
	 * names the line where it gave up, which an unclosed quote puts lines or a whole file later.
	 */
	private static ImportError brokenRecord(String text, int start, @Nullable Map<String, Integer> header,
			Exception ex) {
		int line = CsvQuoting.line(text, start);
		var problem = CsvQuoting.record(text, start).problem();
		if (problem == null) {
			return new ImportError(line, null, Message.of("import.csv.invalid", rootMessage(ex)));
		}
		String column = null;
		if (header != null) {
			for (var entry : header.entrySet()) {
				if (entry.getValue() == problem.field()) {
					column = entry.getKey();
				}
			}
		}
		return new ImportError(line, column, Message.of("import.csv.invalid", problem.message()));
	}

	private static String rootMessage(Throwable ex) {
		var cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
	}

	// Planning: compare the file with the registry in a handful of set-based reads.

	private record ExistingAccount(long id, long organizationId, @Nullable Long unitId, Platform platform, String handle,
			String url, @Nullable String displayName, @Nullable String contactEmail, @Nullable String purpose,
			@Nullable String language, @Nullable Integer maxSilenceDays, @Nullable String notes, AccountStatus status) {

		boolean sameAs(Write write) {
			return status == AccountStatus.ACTIVE && Objects.equals(organizationId, write.organizationId)
					&& Objects.equals(unitId, write.unitId) && url.equals(write.account.address().url())
					&& Objects.equals(displayName, write.account.displayName())
					&& Objects.equals(contactEmail, write.account.contactEmail())
					&& Objects.equals(purpose, write.account.purpose())
					&& Objects.equals(language, write.account.language())
					&& Objects.equals(maxSilenceDays, write.account.maxSilenceDays())
					&& Objects.equals(notes, write.account.notes());
		}

	}

	/** An account line with its organization and unit; ids of organizations and units still to create are negative. */
	private static final class Write {

		final AccountInputs.Checked account;

		long organizationId;

		@Nullable Long unitId;

		@Nullable Long existingId;

		Write(AccountInputs.Checked account) {
			this.account = account;
		}

	}

	private record NewUnit(long provisionalId, long organizationId, String name) {
	}

	private static final class Plan {

		final List<ImportError> errors = new ArrayList<>();

		final Map<String, Long> newOrganizations = new LinkedHashMap<>();

		final Map<String, NewUnit> newUnits = new LinkedHashMap<>();

		final List<Write> creates = new ArrayList<>();

		final List<Write> updates = new ArrayList<>();

		int unchanged;

	}

	private Plan plan(List<Line> lines) {
		var plan = new Plan();
		Map<String, Long> organizations = new HashMap<>();
		jdbc.sql("select id, name from organization")
			.query(rs -> {
				organizations.put(rs.getString("name").toLowerCase(Locale.ROOT), rs.getLong("id"));
			});
		Map<String, Long> units = new HashMap<>();
		jdbc.sql("select id, organization_id, name from unit").query(rs -> {
			units.put(rs.getLong("organization_id") + "/" + rs.getString("name").toLowerCase(Locale.ROOT), rs.getLong("id"));
		});

		Map<String, Integer> firstLineOfAccount = new HashMap<>();
		var writes = new ArrayList<Write>();
		long provisional = 0;
		var edited = visibility.edited();
		for (var line : lines) {
			var account = Objects.requireNonNull(line.outcome().account());
			var address = account.address();
			var key = address.platform() + " " + address.handle();
			var first = firstLineOfAccount.putIfAbsent(key, line.number());
			if (first != null) {
				plan.errors.add(new ImportError(line.number(), AccountField.HANDLE.column(),
						Message.of("import.duplicate", address.platform().label(), address.handle(), first)));
				continue;
			}
			var write = new Write(account);
			var organizationName = Objects.requireNonNull(account.organization());
			var organizationKey = organizationName.toLowerCase(Locale.ROOT);
			var organizationId = organizations.get(organizationKey);
			if (organizationId == null) {
				organizationId = --provisional;
				organizations.put(organizationKey, organizationId);
				plan.newOrganizations.put(organizationName, organizationId);
			}
			write.organizationId = organizationId;
			if (organizationId < 0 ? !edited.all() : !edited.contains(organizationId)) {
				// The same words whether the organization exists elsewhere or not: nothing is revealed.
				plan.errors.add(new ImportError(line.number(), AccountField.ORGANIZATION.column(),
						Message.of("import.organization.notYours", organizationName)));
				continue;
			}
			if (account.unit() != null) {
				var unitKey = organizationId + "/" + account.unit().toLowerCase(Locale.ROOT);
				var unitId = units.get(unitKey);
				if (unitId == null) {
					unitId = --provisional;
					units.put(unitKey, unitId);
					plan.newUnits.put(unitKey, new NewUnit(unitId, organizationId, account.unit()));
				}
				write.unitId = unitId;
			}
			writes.add(write);
		}
		if (!plan.errors.isEmpty()) {
			return plan;
		}

		var existing = existing(writes);
		for (var write : writes) {
			var address = write.account.address();
			var match = existing.get(address.platform() + " " + address.handle());
			if (match == null) {
				plan.creates.add(write);
			}
			else if (!edited.contains(match.organizationId())) {
				plan.errors.add(new ImportError(firstLineOfAccount.get(address.platform() + " " + address.handle()),
						AccountField.HANDLE.column(),
						Message.of("import.account.elsewhere", address.platform().label(), address.handle())));
			}
			else if (match.sameAs(write)) {
				plan.unchanged++;
			}
			else {
				write.existingId = match.id();
				plan.updates.add(write);
			}
		}
		return plan;
	}

	private Map<String, ExistingAccount> existing(List<Write> writes) {
		var platforms = writes.stream().map(w -> w.account.address().platform().name()).toArray(String[]::new);
		var handles = writes.stream().map(w -> w.account.address().handle()).toArray(String[]::new);
		Map<String, ExistingAccount> existing = new HashMap<>();
		jdbc.sql("""
				select a.id, a.organization_id, a.unit_id, a.platform, a.handle, a.url, a.display_name, a.contact_email,
				       a.purpose, a.language, a.max_silence_days, a.notes, a.status
				from account a
				join unnest(:platforms::text[], :handles::text[]) as wanted(platform, handle)
				  on a.platform = wanted.platform and a.handle = wanted.handle
				""").param("platforms", platforms).param("handles", handles).query(rs -> {
			var account = new ExistingAccount(rs.getLong("id"), rs.getLong("organization_id"),
					rs.getObject("unit_id", Long.class), Platform.valueOf(rs.getString("platform")),
					rs.getString("handle"), rs.getString("url"), rs.getString("display_name"),
					rs.getString("contact_email"), rs.getString("purpose"), rs.getString("language"),
					rs.getObject("max_silence_days", Integer.class), rs.getString("notes"),
					AccountStatus.valueOf(rs.getString("status")));
			existing.put(account.platform() + " " + account.handle(), account);
		});
		return existing;
	}

	// Writing: one statement per table, whatever the size of the file.

	private void write(Plan plan) {
		var now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		Map<Long, Long> ids = new HashMap<>();
		var written = new ArrayList<Long>();
		if (!plan.newOrganizations.isEmpty()) {
			var names = plan.newOrganizations.keySet().toArray(String[]::new);
			Map<String, Long> created = new HashMap<>();
			jdbc.sql("""
					insert into organization (name, created_at, updated_at)
					select name, :now, :now from unnest(:names::text[]) as t(name)
					returning id, name
					""").param("now", now).param("names", names).query(rs -> {
				created.put(rs.getString("name"), rs.getLong("id"));
			});
			plan.newOrganizations.forEach((name, provisional) -> ids.put(provisional, created.get(name)));
		}
		if (!plan.newUnits.isEmpty()) {
			var newUnits = List.copyOf(plan.newUnits.values());
			var organizationIds = newUnits.stream().map(u -> resolve(ids, u.organizationId())).toArray(Long[]::new);
			var names = newUnits.stream().map(NewUnit::name).toArray(String[]::new);
			Map<String, Long> created = new HashMap<>();
			jdbc.sql("""
					insert into unit (organization_id, name, created_at, updated_at)
					select organization_id, name, :now, :now
					from unnest(:organizationIds::bigint[], :names::text[]) as t(organization_id, name)
					returning id, organization_id, name
					""")
				.param("now", now)
				.param("organizationIds", organizationIds)
				.param("names", names)
				.query(rs -> {
					created.put(rs.getLong("organization_id") + "/" + rs.getString("name"), rs.getLong("id"));
				});
			for (int i = 0; i < newUnits.size(); i++) {
				ids.put(newUnits.get(i).provisionalId(),
						Objects.requireNonNull(created.get(organizationIds[i] + "/" + names[i])));
			}
		}
		if (!plan.creates.isEmpty()) {
			var columns = new Columns(plan.creates, ids);
			jdbc.sql("""
					insert into account (organization_id, unit_id, platform, handle, url, display_name, contact_email,
					                     purpose, language, max_silence_days, notes, status, created_at, updated_at)
					select organization_id, unit_id, platform, handle, url, display_name, contact_email, purpose,
					       language, max_silence_days, notes, 'ACTIVE', :now, :now
					from unnest(:organizationIds::bigint[], :unitIds::bigint[], :platforms::text[], :handles::text[],
					            :urls::text[], :displayNames::text[], :contactEmails::text[], :purposes::text[],
					            :languages::text[], :maxSilenceDays::int[], :notes::text[])
					     as t(organization_id, unit_id, platform, handle, url, display_name, contact_email, purpose,
					          language, max_silence_days, notes)
					returning id
					""").params(columns.params(now)).query(Long.class).list().forEach(written::add);
		}
		if (!plan.updates.isEmpty()) {
			var columns = new Columns(plan.updates, ids);
			var params = columns.params(now);
			params.put("ids", plan.updates.stream().map(w -> w.existingId).toArray(Long[]::new));
			plan.updates.forEach(w -> written.add(Objects.requireNonNull(w.existingId)));
			jdbc.sql("""
					update account a
					set organization_id = t.organization_id, unit_id = t.unit_id, handle = t.handle, url = t.url,
					    display_name = t.display_name, contact_email = t.contact_email, purpose = t.purpose,
					    language = t.language, max_silence_days = t.max_silence_days, notes = t.notes,
					    status = 'ACTIVE', archived_at = null, updated_at = :now
					from unnest(:ids::bigint[], :organizationIds::bigint[], :unitIds::bigint[], :handles::text[],
					            :urls::text[], :displayNames::text[], :contactEmails::text[], :purposes::text[],
					            :languages::text[], :maxSilenceDays::int[], :notes::text[])
					     as t(id, organization_id, unit_id, handle, url, display_name, contact_email, purpose,
					          language, max_silence_days, notes)
					where a.id = t.id
					""").params(params).update();
		}
		if (!written.isEmpty()) {
			events.publishEvent(new AccountsChanged(written.stream().sorted().toList()));
		}
	}

	private static long resolve(Map<Long, Long> ids, long id) {
		return id < 0 ? Objects.requireNonNull(ids.get(id)) : id;
	}

	/** The accounts to write, column by column, as the arrays that unnest() reads. */
	private static final class Columns {

		private final List<Write> writes;

		private final Map<Long, Long> ids;

		Columns(List<Write> writes, Map<Long, Long> ids) {
			this.writes = writes;
			this.ids = ids;
		}

		Map<String, Object> params(OffsetDateTime now) {
			var params = new HashMap<String, Object>();
			params.put("now", now);
			params.put("organizationIds", writes.stream().map(w -> resolve(ids, w.organizationId)).toArray(Long[]::new));
			params.put("unitIds",
					writes.stream().map(w -> w.unitId == null ? null : resolve(ids, w.unitId)).toArray(Long[]::new));
			params.put("platforms", strings(w -> w.account.address().platform().name()));
			params.put("handles", strings(w -> w.account.address().handle()));
			params.put("urls", strings(w -> w.account.address().url()));
			params.put("displayNames", strings(w -> w.account.displayName()));
			params.put("contactEmails", strings(w -> w.account.contactEmail()));
			params.put("purposes", strings(w -> w.account.purpose()));
			params.put("languages", strings(w -> w.account.language()));
			params.put("maxSilenceDays", writes.stream().map(w -> w.account.maxSilenceDays()).toArray(Integer[]::new));
			params.put("notes", strings(w -> w.account.notes()));
			return params;
		}

		private String[] strings(java.util.function.Function<Write, @Nullable String> column) {
			return writes.stream().map(column).toArray(String[]::new);
		}

	}

}
