#!/bin/sh
# Patch-change notifications and `darn cron` (web-and-mbox.md §5.10):
# state changes through the REST API and XML-RPC record a pending
# notification in a project with send_notifications, and none in one
# without; darn cron mails each submitter once their changes have rested,
# not an opted-out address, deletes what it sent and keeps what it could
# not send; it also expires confirmations and unconfirmed accounts.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/t/web-lib.sh"

setup_project
darn project add --linkname notify --name "Notified project" \
	--listid notify.darn.example --listemail list@notify.darn.example \
	--send-notifications yes >/dev/null

# patch N FROM PROJECT-LISTID: stores "[PATCH] change N" from FROM.
patch() {
	diff_for "src/f$1.c" | mail "$2" "[PATCH] change $1" "<p$1@example.com>" |
		sed "s/test\.darn\.example/$3/" | darn parsemail
}
patch 1 "Ann <ann@example.com>" notify.darn.example
patch 2 "Ann <ann@example.com>" notify.darn.example
patch 3 "Bob <bob@example.com>" notify.darn.example
patch 4 "Bob <bob@example.com>" notify.darn.example
patch 5 "Opted <Opted@Example.com>" notify.darn.example
patch 6 "Ann <ann@example.com>" test.darn.example
setup_writers
darn project edit notify --add-maintainer maint >/dev/null
sql "INSERT INTO email_optout (email) VALUES ('opted@example.com')"
start_server

# state ID SLUG: sets patch ID's state through the REST API.
state() {
	test "$(api PATCH "/api/patches/$1/" "$token" application/json \
		"{\"state\": \"$2\"}")" = 200
}

# cron [ENV=VALUE...]: darn cron with the kept mail, links to pw.example.org.
cron() {
	env DARN_MAIL_SENDMAIL="$TMP/sendmail -t -i" \
		DARN_MAIL_FROM="Patchwork <pw@pw.example.org>" \
		DARN_SERVER_BASE_URL=https://pw.example.org "$@" "$DARN" cron
}

# pending: the pending notifications, "patch|original state slug ...".
pending() {
	sql "SELECT n.patch_id, s.slug FROM patch_change_notification n
		JOIN state s ON s.id = n.orig_state_id ORDER BY n.patch_id" |
		tr '\n' ' '
}

test_expect_success 'darn cron is a command' '
	darn cron --help >out && grep -q "patch-change notifications" out &&
	darn --help | grep -q "^  cron "
'

test_expect_success 'state changes record a notification with the original state' '
	state 1 under-review && state 1 accepted && state 2 rejected &&
	state 5 accepted && state 6 accepted &&
	expect_eq "1|new 2|new 5|new " "$(pending)"
'

test_expect_success 'back at the original state, the notification goes' '
	state 3 accepted && expect_eq "1|new 2|new 3|new 5|new " "$(pending)" &&
	state 3 new && expect_eq "1|new 2|new 5|new " "$(pending)"
'

test_expect_success 'XML-RPC patch_set records one too' '
	python3 -c "
import sys, xmlrpc.client as x
s = x.ServerProxy(sys.argv[1].replace(\"//\", \"//maint:maint-pass@\", 1) + \"/xmlrpc/\")
s.patch_set(4, {\"state\": 9})
" "$base" &&
	expect_eq "1|new 2|new 4|new 5|new " "$(pending)"
'

test_expect_success 'changes younger than the delay wait' '
	cron && expect_eq 0 "$(mails)" &&
	expect_eq "1|new 2|new 4|new 5|new " "$(pending)"
'

test_expect_success 'one submitter waits while any of their changes is young' '
	sql "UPDATE patch_change_notification SET last_modified = 0
		WHERE patch_id = 1" &&
	cron && expect_eq 0 "$(mails)"
'

test_expect_success 'due: one mail per submitter, none for the opted-out address' '
	cron DARN_NOTIFICATIONS_DELAY_MINUTES=0 && expect_eq 2 "$(mails)" &&
	grep -l "^To: ann@example.com$" "$TMP/mails/1" "$TMP/mails/2" >ann &&
	grep -l "^To: bob@example.com$" "$TMP/mails/1" "$TMP/mails/2" >bob &&
	! grep -qi "opted" "$TMP/mails/1" "$TMP/mails/2"
'

test_expect_success 'the mail lists the patches and their states' '
	m=$(cat ann) &&
	grep -q "^Subject: \[notify\] Patch notification: 2 patches updated$" "$m" &&
	grep -q "^From: Patchwork <pw@pw.example.org>$" "$m" &&
	sed "1,/^$/d" "$m" >body.txt &&
	cat >expected <<-EOF &&
	Hello,

	The following patches (submitted by you) have been updated in Patchwork:

	 * notify: change 1
	     - https://pw.example.org/project/notify/patch/p1@example.com/
	     - for: Notified project
	    was: New
	    now: Accepted

	 * notify: change 2
	     - https://pw.example.org/project/notify/patch/p2@example.com/
	     - for: Notified project
	    was: New
	    now: Rejected

	This email is a notification only - you do not need to respond.

	Happy patchworking.

	--

	This is an automated mail sent by the Patchwork system at
	pw.example.org. To stop receiving these notifications, edit
	your mail settings at:
	  https://pw.example.org/mail/
	EOF
	diff expected body.txt
'

test_expect_success 'one patch: singular words; the headers of a bulk mail' '
	m=$(cat bob) &&
	grep -q "^Subject: \[notify\] Patch notification: 1 patch updated$" "$m" &&
	grep -q "^The following patch (submitted by you) has been updated" "$m" &&
	grep -q "^    now: Superseded$" "$m" &&
	grep -q "^Precedence: bulk$" "$m" &&
	grep -q "^Auto-Submitted: auto-generated$" "$m" &&
	grep -q "^X-Patchwork-Hint: ignore$" "$m"
'

test_expect_success 'sent and opted-out notifications are gone; a second run sends nothing' '
	expect_eq "" "$(pending)" &&
	cron DARN_NOTIFICATIONS_DELAY_MINUTES=0 && expect_eq 2 "$(mails)"
'

test_expect_success 'a failing sendmail keeps the notification (exit 75)' '
	state 1 superseded && expect_eq "1|accepted " "$(pending)" &&
	expect_exit 75 env DARN_MAIL_SENDMAIL=/bin/false \
		DARN_NOTIFICATIONS_DELAY_MINUTES=0 "$DARN" cron 2>err &&
	grep -q "cannot mail ann@example.com" err &&
	expect_eq "1|accepted " "$(pending)" && expect_eq 2 "$(mails)"
'

test_expect_success 'the next run sends it' '
	cron DARN_NOTIFICATIONS_DELAY_MINUTES=0 && expect_eq 3 "$(mails)" &&
	grep -q "^    was: Accepted$" "$TMP/mails/3" &&
	grep -q "^    now: Superseded$" "$TMP/mails/3" &&
	expect_eq "" "$(pending)"
'

# seed_accounts: inactive users ghost (registered 8 days ago, never
# confirmed), fresh (registered now) and deact (no confirmation: an
# administrator's); confirmations old, used and new.
seed_accounts() {
	now=$(date +%s)000000 && old=$((now - 8 * 86400000000)) &&
	sql "INSERT INTO users (username, email, is_active, date_joined) VALUES
		('ghost', 'ghost@example.com', 0, $old),
		('fresh', 'fresh@example.com', 0, $now),
		('deact', 'deact@example.com', 0, $old)" &&
	sql "INSERT INTO email_confirmation (type, email, user_id, key, date,
		active) SELECT 'registration', email, id, 'k' || username,
		CASE WHEN username = 'ghost' THEN $old ELSE $now END, 1
		FROM users WHERE username IN ('ghost', 'fresh')" &&
	sql "INSERT INTO email_confirmation (type, email, key, date, active)
		VALUES ('optout', 'x@example.com', 'kold', $old, 1),
		('optout', 'y@example.com', 'kused', $now, 0),
		('optout', 'z@example.com', 'knew', $now, 1)"
}

test_expect_success 'cron expires old and used confirmations and unconfirmed accounts' '
	seed_accounts && cron &&
	expect_eq "kfresh knew " "$(sql "SELECT key FROM email_confirmation
		ORDER BY key" | tr "\\n" " ")" &&
	expect_eq "bob deact fresh maint " "$(sql "SELECT username FROM users
		ORDER BY username" | tr "\\n" " ")"
'

test_done
