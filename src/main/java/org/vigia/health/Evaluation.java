package org.vigia.health;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules concluded about one account.
 * @param conditions the findings that hold now
 * @param held the types that cannot be judged now (no evidence either way): their findings neither open nor resolve
 * @param reasons why a type no longer holds, where that is not simply that its condition cleared (superseded by a graver
 * finding, account archived)
 */
record Evaluation(long accountId, List<Condition> conditions, Set<FindingType> held, Map<FindingType, String> reasons) {

	Evaluation {
		conditions = List.copyOf(conditions);
		held = Set.copyOf(held);
		reasons = Map.copyOf(reasons);
	}

}
