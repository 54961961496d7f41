-- Issue 16: a finding's history says why it changed in the reader's language. The reasons Vigía wrote itself were
-- English sentences; they become message codes with their arguments, in the form org.vigia.platform.Message decodes
-- ({"code":...,"arguments":[...]}). Reasons people typed (dismissals, acknowledgements) are left as they are.
update finding_transition set reason = case
	when reason = 'the condition cleared' then '{"code":"reason.cleared","arguments":[]}'
	when reason = 'the condition came back' then '{"code":"reason.cameBack","arguments":[]}'
	when reason = 'the dismissal expired' then '{"code":"reason.dismissalExpired","arguments":[]}'
	when reason = 'the evidence changed' then '{"code":"reason.evidenceChanged","arguments":[]}'
	when reason = 'the account was archived' then '{"code":"reason.archived","arguments":[]}'
	when reason = 'the platform suspended or took down the account' then '{"code":"reason.suspended","arguments":[]}'
	when reason = 'the account no longer exists' then '{"code":"reason.noLongerExists","arguments":[]}'
	when reason = 'the account is in the registry now' then '{"code":"reason.inRegistry","arguments":[]}'
	when reason ~ '^superseded by [A-Z_]+$' then format(
		'{"code":"reason.superseded","arguments":[{"code":"type.%s","arguments":[]}]}', substring(reason from 15))
	when reason ~ '^now [A-Z_]+$' then format(
		'{"code":"reason.now","arguments":[{"code":"type.%s","arguments":[]}]}', substring(reason from 5))
	when reason ~ '^the score -?[0-9]+ is below the threshold -?[0-9]+$' then format(
		'{"code":"reason.belowThreshold","arguments":[%s,%s]}',
		(regexp_match(reason, '^the score (-?[0-9]+)'))[1], (regexp_match(reason, '(-?[0-9]+)$'))[1])
	when reason ~ '^unit .* runs many accounts by design$' then format(
		'{"code":"reason.manyByDesign","arguments":[%s]}',
		to_json((regexp_match(reason, '^unit (.*) runs many accounts by design$'))[1])::text)
	when reason ~ '^reported once for unit .* on .+$' then format(
		'{"code":"reason.reportedForUnit","arguments":[%s,%s]}',
		to_json((regexp_match(reason, '^reported once for unit (.*) on (.+)$'))[1])::text,
		to_json((regexp_match(reason, '^reported once for unit (.*) on (.+)$'))[2])::text)
	else reason end
where kind not in ('DISMISSED', 'ACKNOWLEDGED') and reason is not null and reason not like '{"code":%';
