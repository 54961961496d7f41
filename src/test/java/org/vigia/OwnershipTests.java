package org.vigia;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each module owns its tables: the migrations name the owner of every table, view, trigger and function in a comment
 * ({@code owner: <module>}), and a module's SQL reads another module's data only through the views that module
 * publishes, and writes none of it.
 */
@IntegrationTest
class OwnershipTests {

	private static final Pattern OWNER = Pattern.compile("owner: ([a-z]+)");

	private static final Path SOURCES = Path.of("src", "main", "java", "org", "vigia");

	private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);

	private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

	private static final Pattern READ = Pattern.compile("\\b(?:from|join|using)\\s+([a-z_][a-z0-9_]*)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern WRITE = Pattern.compile(
			"\\b(?:insert\\s+into|update|delete\\s+from|truncate(?:\\s+table)?|alter\\s+table)\\s+([a-z_][a-z0-9_]*)",
			Pattern.CASE_INSENSITIVE);

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyTableAndViewNamesTheModuleThatOwnsIt() {
		var unowned = jdbc.sql("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')
				  and c.relname <> 'flyway_schema_history'
				  and coalesce(obj_description(c.oid, 'pg_class'), '') !~ '^owner: [a-z]+(\n|$)'
				order by 1
				""").query(String.class).list();
		assertThat(unowned).as("tables and views without an 'owner: <module>' comment").isEmpty();
	}

	@Test
	void everyTriggerAndFunctionNamesTheModuleThatOwnsIt() {
		var unowned = jdbc.sql("""
				select t.tgname || ' on ' || t.tgrelid::regclass from pg_trigger t
				where not t.tgisinternal and t.tgrelid::regclass::text not like 'qrtz%'
				  and coalesce(obj_description(t.oid, 'pg_trigger'), '') !~ '^owner: [a-z]+(\n|$)'
				union all
				select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname = current_schema()
				  and coalesce(obj_description(p.oid, 'pg_proc'), '') !~ '^owner: [a-z]+(\n|$)'
				""").query(String.class).list();
		assertThat(unowned).as("triggers and functions without an 'owner: <module>' comment").isEmpty();
	}

	@Test
	void noModuleHangsATriggerOnATableAnotherModuleOwns() {
		var trespasses = jdbc.sql("""
				select t.tgname || ' on ' || c.relname || ' (trigger owner: ' || substring(obj_description(t.oid, 'pg_trigger')
				       from 'owner: ([a-z]+)') || ', table owner: ' || substring(obj_description(c.oid, 'pg_class')
				       from 'owner: ([a-z]+)') || ')'
				from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
				where not t.tgisinternal and n.nspname = current_schema()
				  and substring(obj_description(t.oid, 'pg_trigger') from 'owner: ([a-z]+)')
				      is distinct from substring(obj_description(c.oid, 'pg_class') from 'owner: ([a-z]+)')
				order by 1
				""").query(String.class).list();
		assertThat(trespasses).as("triggers on a table another module owns (publish an event instead)").isEmpty();
	}

	@Test
	void everyOwnerIsAModule() throws IOException {
		var modules = modules();
		assertThat(owners().values()).allSatisfy(owner -> assertThat(modules).contains(owner));
	}

	@Test
	void modulesReadOtherModulesDataOnlyThroughThePublishedViewsAndWriteNone() throws IOException {
		var owners = owners();
		var views = jdbc.sql("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relkind in ('v', 'm')
				""").query(String.class).set();
		var trespasses = new ArrayList<String>();
		for (var module : modules()) {
			try (Stream<Path> files = Files.walk(SOURCES.resolve(module))) {
				for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
					for (var sql : sql(Files.readString(file))) {
						check(READ, sql, module, file, owners, name -> !views.contains(name), "reads table", trespasses);
						check(WRITE, sql, module, file, owners, name -> true, "writes", trespasses);
					}
				}
			}
		}
		assertThat(trespasses).as("SQL naming another module's tables").isEmpty();
	}

	@Test
	void theCheckSeesAReadOfAnotherModulesTableAndAcceptsItsView() {
		var owners = Map.of("account", "registry", "registry_accounts", "registry");
		var trespasses = new ArrayList<String>();
		var source = "class X { String sql = \"\"\"\n select a.id from account a\n join registry_accounts b on true\n \"\"\"; "
				+ "String other = \"update account set handle = 'x'\"; }";
		for (var sql : sql(source)) {
			check(READ, sql, "health", Path.of("X.java"), owners, name -> !name.startsWith("registry_"), "reads table",
					trespasses);
			check(WRITE, sql, "health", Path.of("X.java"), owners, name -> true, "writes", trespasses);
		}
		assertThat(trespasses).containsExactly("health/X.java reads table account (owner: registry)",
				"health/X.java writes account (owner: registry)");
	}

	private static void check(Pattern pattern, String sql, String module, Path file, Map<String, String> owners,
			java.util.function.Predicate<String> forbidden, String what, List<String> trespasses) {
		var matcher = pattern.matcher(sql);
		while (matcher.find()) {
			var name = matcher.group(1).toLowerCase();
			var owner = owners.get(name);
			if (owner != null && !owner.equals(module) && forbidden.test(name)) {
				trespasses.add(module + "/" + file.getFileName() + " " + what + " " + name + " (owner: " + owner + ")");
			}
		}
	}

	/** The text of a source's string literals and text blocks, SQL line comments left out. */
	private static List<String> sql(String source) {
		var texts = new ArrayList<String>();
		var blocks = TEXT_BLOCK.matcher(source);
		var rest = new StringBuilder();
		while (blocks.find()) {
			texts.add(blocks.group(1));
			blocks.appendReplacement(rest, "\"\"");
		}
		blocks.appendTail(rest);
		var strings = STRING.matcher(rest);
		while (strings.find()) {
			texts.add(strings.group(1));
		}
		return texts.stream().map(text -> text.replaceAll("--[^\\n]*", "")).toList();
	}

	private Map<String, String> owners() {
		var owners = new HashMap<String, String>();
		jdbc.sql("""
				select c.relname, obj_description(c.oid, 'pg_class') from pg_class c
				join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')
				""").query(rs -> {
			var comment = rs.getString(2);
			var matcher = OWNER.matcher(comment == null ? "" : comment);
			if (matcher.find()) {
				owners.put(rs.getString(1), matcher.group(1));
			}
		});
		return owners;
	}

	private static List<String> modules() throws IOException {
		try (Stream<Path> entries = Files.list(SOURCES)) {
			return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

}
