package org.vigia.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One entry of the audit trail.
 * @param before the object's fields before, as JSON text, if any
 * @param after the object's fields after, as JSON text, if any
 */
public record AuditEvent(long id, Instant at, @Nullable String actor, @Nullable String address, String action,
		String objectType, @Nullable String objectId, @Nullable Long organizationId, @Nullable String before,
		@Nullable String after) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The names of the fields whose value differs between before and after (all of them for a creation). */
	public List<String> changedFields() {
		var old = before == null ? null : JSON.readTree(before);
		var now = after == null ? null : JSON.readTree(after);
		var names = new TreeSet<String>();
		for (var node : new JsonNode[] { old, now }) {
			if (node != null && node.isObject()) {
				names.addAll(node.propertyNames());
			}
		}
		var changed = new ArrayList<String>();
		for (var name : names) {
			var a = old == null ? null : old.get(name);
			var b = now == null ? null : now.get(name);
			if (!Objects.equals(a, b) && !name.equals("updatedAt") && !name.equals("createdAt")) {
				changed.add(name);
			}
		}
		return changed;
	}

}
