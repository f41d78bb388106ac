#!/bin/sh
# The REST API's read side: patches, covers, comments, checks, series,
# events and bundles, per version, with filters, search, ordering and
# pagination, against a server started by the test on its own mails.
. "$(dirname "$0")/lib.sh"

setup_project
darn project add --linkname second --name "Second" --listid second.example \
	--listemail second@example.com >/dev/null

# deliver DATE FROM SUBJECT MSGID [EXTRA-HEADERS] < body
deliver() {
	mail "$2" "$3" "$4" "${5:-}" |
		sed "s/^Date: .*/Date: $1/" >m.eml &&
	darn parsemail <m.eml
}

setup() {
	echo "The series." |
	deliver "Mon, 02 Mar 2026 10:00:00 +0000" "Ann <ann@example.com>" \
		"[PATCH 0/2] Add widgets" "<c0@example.com>" &&
	diff_for src/a.c | deliver "Mon, 02 Mar 2026 10:01:00 +0000" \
		"Ann <ann@example.com>" "[PATCH 1/2] widget: add a" \
		"<p1@example.com>" "In-Reply-To: <c0@example.com>
References: <c0@example.com>" &&
	diff_for src/b.c | deliver "Mon, 02 Mar 2026 10:02:00 +0000" \
		"Ann <ann@example.com>" "[PATCH 2/2] widget: add b" \
		"<p2@example.com>" "In-Reply-To: <c0@example.com>
References: <c0@example.com>" &&
	printf "Fine.\n\nAcked-by: Bob <bob@example.com>\n" |
	deliver "Mon, 02 Mar 2026 11:00:00 +0000" "Bob <bob@example.com>" \
		"Re: [PATCH 1/2] widget: add a" "<r1@example.com>" \
		"In-Reply-To: <p1@example.com>" &&
	echo "Nice series." |
	deliver "Mon, 02 Mar 2026 11:30:00 +0000" "Bob <bob@example.com>" \
		"Re: [PATCH 0/2] Add widgets" "<r2@example.com>" \
		"In-Reply-To: <c0@example.com>" &&
	diff_for src/c.c | deliver "Tue, 03 Mar 2026 09:00:00 +0000" \
		"Carol <carol@example.com>" "[RFC PATCH] other: a thing" \
		"<p3@example.com>" "Cc: one@example.com
Cc: two@example.com,
 three@example.com" &&
	darn user add ci --email ci@example.com >/dev/null &&
	darn user add maint --email maint@example.com >/dev/null &&
	sql "INSERT INTO patch_check (patch_id, user_id, date, state,
		target_url, description, context) VALUES
		(1, 1, 1772445600000000, 3, NULL, NULL, 'build'),
		(1, 1, 1772445700000000, 1, 'https://ci.example.com/1', 'ok',
		 'build'),
		(3, 1, 1772445600000000, 2, NULL, NULL, 'lint');
	     UPDATE patch SET delegate_id = 2 WHERE id = 3;
	     INSERT INTO bundle (owner_id, project_id, name, public) VALUES
		(2, 1, 'public one', 1), (2, 1, 'private one', 0);
	     INSERT INTO bundle_patch (bundle_id, patch_id, ordering) VALUES
		(1, 2, 1), (1, 1, 2), (2, 3, 1);"
}

test_expect_success 'setup: a series with a cover, replies and a single patch' '
	setup &&
	expect_eq 3 "$(sql "SELECT COUNT(*) FROM patch")"
'

start_server

test_expect_success 'patch list: every patch, Link header, short form' '
	get "$base/api/patches/" &&
	grep -q "^HTTP/1.1 200" headers &&
	grep -q "^Link: <$base/api/patches/?page=1>; rel=\"first\", <$base/api/patches/?page=1>; rel=\"last\"" headers &&
	expect_eq 3 "$(json "len(j)")" &&
	expect_eq "[1, 2, 3]" "$(json "[p[\"id\"] for p in j]")" &&
	expect_eq False "$(json "\"headers\" in j[0]")" &&
	expect_eq "[2/2] widget: add b" "$(json "j[1][\"name\"]")"
'

test_expect_success 'patch fields per version, in order' '
	get "$base/api/1.0/patches/1/" &&
	expect_eq "id url project msgid date name commit_ref pull_url state archived hash submitter delegate mbox series check checks tags headers content diff prefixes" \
		"$(json "\" \".join(j)")" &&
	get "$base/api/1.1/patches/1/" &&
	expect_eq "id url web_url project msgid date name commit_ref pull_url state archived hash submitter delegate mbox series comments check checks tags headers content diff prefixes" \
		"$(json "\" \".join(j)")" &&
	get "$base/api/patches/1/" &&
	expect_eq "id url web_url project msgid list_archive_url date name commit_ref pull_url state archived hash submitter delegate mbox series comments check checks tags related headers content diff prefixes" \
		"$(json "\" \".join(j)")"
'

test_expect_success 'patch detail values' '
	get "$base/api/1.2/patches/1/" &&
	expect_eq "$base/api/1.2/patches/1/" "$(json "j[\"url\"]")" &&
	expect_eq "$base/project/test/patch/p1@example.com/" "$(json "j[\"web_url\"]")" &&
	expect_eq "$base/project/test/patch/p1@example.com/mbox/" "$(json "j[\"mbox\"]")" &&
	expect_eq "$base/api/patches/1/comments/" "$(json "j[\"comments\"]")" &&
	expect_eq "$base/api/patches/1/checks/" "$(json "j[\"checks\"]")" &&
	expect_eq "2026-03-02T10:01:00" "$(json "j[\"date\"]")" &&
	expect_eq "[\"1/2\"]" "$(json "j[\"prefixes\"]")" &&
	expect_eq "Ann ann@example.com $base/api/1.2/people/1/" \
		"$(json "\" \".join([j[\"submitter\"][k] for k in (\"name\", \"email\", \"url\")])")" &&
	expect_eq "$base/series/1/mbox/" "$(json "j[\"series\"][0][\"mbox\"]")" &&
	expect_eq "{}" "$(json "j[\"tags\"]")" &&
	expect_eq "[]" "$(json "j[\"related\"]")" &&
	expect_eq None "$(json "j[\"list_archive_url\"]")" &&
	expect_eq "<p1@example.com>" "$(json "j[\"headers\"][\"Message-Id\"]")" &&
	expect_eq True "$(json "j[\"diff\"].startswith(\"diff --git a/src/a.c\")")"
'

test_expect_success 'repeated headers are lists, folded values keep their fold' '
	get "$base/api/patches/3/" &&
	expect_eq "[\"one@example.com\", \"two@example.com,\\n three@example.com\"]" \
		"$(json "j[\"headers\"][\"Cc\"]")" &&
	expect_eq "[\"RFC\"]" "$(json "j[\"prefixes\"]")"
'

test_expect_success 'combined check state: the latest check per context counts' '
	get "$base/api/patches/1/" && expect_eq success "$(json "j[\"check\"]")" &&
	get "$base/api/patches/3/" && expect_eq warning "$(json "j[\"check\"]")" &&
	get "$base/api/patches/2/" && expect_eq pending "$(json "j[\"check\"]")" &&
	expect_eq None "$(json "j[\"delegate\"]")" &&
	get "$base/api/patches/3/" &&
	expect_eq maint "$(json "j[\"delegate\"][\"username\"]")"
'

test_expect_success 'patch filters resolve names and ids' '
	get "$base/api/patches/?project=TEST" && expect_eq 3 "$(json "len(j)")" &&
	get "$base/api/patches/?project=second" && expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/patches/?project=nope" && expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/patches/?submitter=CAROL@example.com" &&
	expect_eq "[3]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?submitter=1&submitter=3" && expect_eq 3 "$(json "len(j)")" &&
	get "$base/api/patches/?submitter=1&submitter=nobody@x" &&
	expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/patches/?state=new" && expect_eq 3 "$(json "len(j)")" &&
	get "$base/api/patches/?state=under-review" && expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/patches/?state=bogus" && expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/patches/?delegate=maint" && expect_eq "[3]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?series=1" && expect_eq "[1, 2]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?archived=false" && expect_eq 3 "$(json "len(j)")" &&
	get "$base/api/patches/?archived=TRUE" && expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/patches/?archived=maybe" && expect_eq 3 "$(json "len(j)")"
'

test_expect_success 'versioned filters: msgid and hash from 1.2' '
	get "$base/api/1.2/patches/?msgid=p2@example.com" &&
	expect_eq "[2]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/1.1/patches/?msgid=p2@example.com" && expect_eq 3 "$(json "len(j)")" &&
	hash=$(sql "SELECT upper(hash) FROM patch WHERE id = 3") &&
	get "$base/api/patches/?hash=$hash" && expect_eq "[3]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/1.1/patches/?hash=garbage" && expect_eq 3 "$(json "len(j)")"
'

test_expect_success 'since, before, q and order' '
	get "$base/api/patches/?since=2026-03-03" && expect_eq "[3]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?before=2026-03-02T10:02:00" && expect_eq "[1]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?since=yesterday" && expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/patches/?q=WIDGET" && expect_eq 2 "$(json "len(j)")" &&
	get "$base/api/patches/?q=widget,b" && expect_eq "[2]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?q=%22add%20b%22" && expect_eq "[2]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?q=100%25" && expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/patches/?order=-id" && expect_eq "[3, 2, 1]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?order=name" && expect_eq "[1, 2, 3]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?order=-submitter,date" && expect_eq "[3, 1, 2]" "$(json "[p[\"id\"] for p in j]")" &&
	get "$base/api/patches/?order=nonsense" && expect_eq "[1, 2, 3]" "$(json "[p[\"id\"] for p in j]")"
'

test_expect_success 'pagination: per_page, page, Link with sorted parameters' '
	get "$base/api/patches/?q=a&per_page=1&page=2" &&
	expect_eq 1 "$(json "len(j)")" &&
	grep -q "<$base/api/patches/?page=3&per_page=1&q=a>; rel=\"next\", <$base/api/patches/?per_page=1&q=a>; rel=\"prev\"" headers &&
	get "$base/api/patches/?per_page=1&page=4" && grep -q "^HTTP/1.1 404" headers &&
	grep -q "Invalid page." body
'

test_expect_success 'bad ids: HTML 404 for non-numbers, JSON 404 for unknown' '
	get "$base/api/patches/abc/" && grep -q "^HTTP/1.1 404" headers &&
	grep -q "^Content-Type: text/html" headers &&
	get "$base/api/patches/999/" && grep -q "^HTTP/1.1 404" headers &&
	grep -q "{\"detail\":\"Not found.\"}" body &&
	get "$base/api/patches/99999999999999999999999/" && grep -q "^HTTP/1.1 404" headers &&
	get -X POST "$base/api/patches/" && grep -q "^HTTP/1.1 405" headers
'

test_expect_success 'covers: list, detail, series and comments link' '
	get "$base/api/1.0/covers/" &&
	expect_eq "id url project msgid date name submitter series" "$(json "\" \".join(j[0])")" &&
	get "$base/api/covers/1/" &&
	expect_eq "id url web_url project msgid list_archive_url date name submitter mbox series comments headers content" \
		"$(json "\" \".join(j)")" &&
	expect_eq "$base/project/test/cover/c0@example.com/mbox/" "$(json "j[\"mbox\"]")" &&
	expect_eq 1 "$(json "j[\"series\"][0][\"id\"]")" &&
	get "$base/api/covers/?msgid=c0@example.com" && expect_eq 1 "$(json "len(j)")"
'

test_expect_success 'comments: from 1.1 as a list, detail from 1.3 with url' '
	get "$base/api/1.0/patches/1/comments/" && grep -q "^HTTP/1.1 404" headers &&
	get "$base/api/1.1/patches/1/comments/" &&
	expect_eq "id web_url msgid date subject submitter content headers" "$(json "\" \".join(j[0])")" &&
	expect_eq "Re: [PATCH 1/2] widget: add a" "$(json "j[0][\"subject\"]")" &&
	get "$base/api/1.2/patches/1/comments/1/" && grep -q "^HTTP/1.1 404" headers &&
	get "$base/api/1.3/patches/1/comments/1/" &&
	expect_eq "id url web_url msgid list_archive_url date subject submitter content headers addressed" "$(json "\" \".join(j)")" &&
	expect_eq "$base/api/1.3/patches/1/comments/1/" "$(json "j[\"url\"]")" &&
	expect_eq "$base/comment/1/" "$(json "j[\"web_url\"]")" &&
	get "$base/api/patches/2/comments/1/" && grep -q "^HTTP/1.1 404" headers &&
	get "$base/api/patches/77/comments/" && grep -q "^HTTP/1.1 404" headers &&
	get "$base/api/covers/1/comments/" && expect_eq "<r2@example.com>" "$(json "j[0][\"msgid\"]")"
'

test_expect_success 'checks: list, filters by code, detail under its patch' '
	get "$base/api/patches/1/checks/" && expect_eq 2 "$(json "len(j)")" &&
	expect_eq "id url user date state target_url context description" "$(json "\" \".join(j[0])")" &&
	expect_eq "fail success" "$(json "\" \".join(c[\"state\"] for c in j)")" &&
	get "$base/api/patches/1/checks/?state=1" && expect_eq 1 "$(json "len(j)")" &&
	get "$base/api/patches/1/checks/?state=success" && expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/patches/1/checks/?user=ci&context=build" && expect_eq 2 "$(json "len(j)")" &&
	get "$base/api/patches/1/checks/2/" && expect_eq ci "$(json "j[\"user\"][\"username\"]")" &&
	get "$base/api/patches/2/checks/2/" && grep -q "^HTTP/1.1 404" headers
'

test_expect_success 'series: cover, patches by date, counters' '
	get "$base/api/series/1/" &&
	expect_eq "id url web_url project name date submitter version total received_total received_all mbox cover_letter patches" \
		"$(json "\" \".join(j)")" &&
	expect_eq "Add widgets" "$(json "j[\"name\"]")" &&
	expect_eq "2 2 True" "$(json "\"%d %d %s\" % (j[\"total\"], j[\"received_total\"], j[\"received_all\"])")" &&
	expect_eq "[1, 2]" "$(json "[p[\"id\"] for p in j[\"patches\"]]")" &&
	expect_eq "$base/project/test/list/?series=1" "$(json "j[\"web_url\"]")" &&
	get "$base/api/1.0/series/?submitter=carol@example.com" &&
	expect_eq "id url project name date submitter version total received_total received_all mbox cover_letter patches" "$(json "\" \".join(j[0])")" &&
	expect_eq None "$(json "j[0][\"cover_letter\"]")"
'

test_expect_success 'series dependencies appear on 1.4 when the project shows them' '
	get "$base/api/series/1/" && expect_eq False "$(json "\"dependencies\" in j")" &&
	darn project edit test --show-dependencies >/dev/null 2>&1 ||
	sql "UPDATE project SET show_dependencies = 1 WHERE linkname = '\''test'\''" &&
	sql "INSERT INTO series_dependency (series_id, depends_on_id) VALUES (2, 1)" &&
	get "$base/api/series/2/" &&
	expect_eq "[\"$base/api/series/1/\"]" "$(json "j[\"dependencies\"]")" &&
	get "$base/api/series/1/" &&
	expect_eq "[\"$base/api/series/2/\"]" "$(json "j[\"dependents\"]")" &&
	get "$base/api/1.3/series/1/" && expect_eq False "$(json "\"dependents\" in j")"
'

test_expect_success 'events: newest first, payloads, comment events from 1.3' '
	get "$base/api/events/?per_page=250" &&
	total=$(json "len(j)") &&
	expect_eq "$(sql "SELECT COUNT(*) FROM event")" "$total" &&
	expect_eq True "$(json "j[0][\"date\"] >= j[-1][\"date\"]")" &&
	get "$base/api/1.2/events/?per_page=250" &&
	expect_eq "$((total - 2))" "$(json "len(j)")" &&
	get "$base/api/events/?category=patch-comment-created" &&
	expect_eq "patch comment" "$(json "\" \".join(j[0][\"payload\"])")" &&
	expect_eq "$base/api/patches/1/comments/1/" "$(json "j[0][\"payload\"][\"comment\"][\"url\"]")" &&
	get "$base/api/events/?category=nonsense" && expect_eq 0 "$(json "len(j)")" &&
	get "$base/api/events/?series=1&category=series-completed" &&
	expect_eq 1 "$(json "len(j)")" &&
	expect_eq "id category project date actor payload" "$(json "\" \".join(j[0])")" &&
	get "$base/api/1.0/events/?patch=1&category=patch-created" &&
	expect_eq "id url msgid date name mbox" "$(json "\" \".join(j[0][\"payload\"][\"patch\"])")" &&
	get "$base/api/events/?order=date&per_page=1" &&
	expect_eq 1 "$(json "j[0][\"id\"]")"
'

test_expect_success 'Accept: application/json; indent=N indents as DRF does' '
	get -H "Accept: application/json; indent=2" "$base/api/patches/1/" &&
	grep -q "^Content-Type: application/json; indent=2" headers &&
	python3 -c "import json; t = open(\"body\").read(); \
assert t == json.dumps(json.loads(t), indent=2, separators=(\",\", \": \"), \
ensure_ascii=False)" &&
	get -H "Accept: application/json; indent=0" "$base/api/" &&
	expect_eq "{" "$(head -c 2 body | head -c 1)" &&
	! grep -q "^ " body
'

test_expect_success 'bundles: anonymous clients see public ones only' '
	get "$base/api/bundles/" && expect_eq 1 "$(json "len(j)")" &&
	expect_eq "id url web_url project name owner patches public mbox" "$(json "\" \".join(j[0])")" &&
	expect_eq "[1, 2]" "$(json "[p[\"id\"] for p in j[0][\"patches\"]]")" &&
	expect_eq "$base/bundle/maint/public%20one/" "$(json "j[0][\"web_url\"]")" &&
	get "$base/api/bundles/2/" && grep -q "^HTTP/1.1 404" headers &&
	get "$base/api/bundles/?public=false" && expect_eq 0 "$(json "len(j)")"
'

test_done
