-- Issue 16: every word in the reader's language.

-- A recipient's and an organization's own language may be any of the five Vigía speaks (it was en or es).
alter table alert_recipient drop constraint alert_recipient_locale_check;
alter table alert_recipient add constraint alert_recipient_locale_check
	check (locale in ('en', 'es', 'ca', 'gl', 'eu'));
alter table organization_alert_setting drop constraint organization_alert_setting_locale_check;
alter table organization_alert_setting add constraint organization_alert_setting_locale_check
	check (locale in ('en', 'es', 'ca', 'gl', 'eu'));

-- Why an alert item was dropped: message codes (org.vigia.platform.Message's form) instead of English sentences.
update alert_item set dropped = case
	when dropped ~ '^the finding was (acknowledged|dismissed|resolved) before it was mailed$' then format(
		'{"code":"dropped.mailed.%s","arguments":[]}', upper((regexp_match(dropped, '^the finding was ([a-z]+)'))[1]))
	when dropped ~ '^the finding was (acknowledged|dismissed|resolved) before it was in a digest$' then format(
		'{"code":"dropped.digest.%s","arguments":[]}', upper((regexp_match(dropped, '^the finding was ([a-z]+)'))[1]))
	when dropped = 'the finding reopened before the digest' then '{"code":"dropped.digest.reopened","arguments":[]}'
	when dropped = 'inhibited by a standing GONE or UNREACHABLE finding about the account'
		then '{"code":"dropped.inhibited.account","arguments":[]}'
	when dropped = 'inhibited by a standing UNREACHABLE finding about the whole platform'
		then '{"code":"dropped.inhibited.platform","arguments":[]}'
	else dropped end
where dropped is not null and dropped not like '{"code":%';

-- A poll run's last error: the words of the exception that stopped a worker, inside a sentence in the reader's
-- language.
update poll_run set last_error = format('{"code":"%s","arguments":[%s]}',
		case when reason = 'NOT_SCHEDULED' then 'runs.error.notScheduled' else 'runs.error.worker' end,
		to_json(last_error)::text)
where last_error is not null and last_error not like '{"code":%';
