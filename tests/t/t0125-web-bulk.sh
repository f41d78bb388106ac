#!/bin/sh
# The patch forms (issue 10, web-and-mbox.md §5.2 "Bulk actions", §5.3):
# state changes of several patches in one POST with the API's events,
# refusals per patch, the CSRF check, the patch page's forms, bundles
# from the list, the user's items per page and patch ids, and darn's
# "select the whole series".
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/t/web-lib.sh"

setup_project
add_user maint maint-pass
add_user bob bob-pass
darn project edit test --add-maintainer maint >/dev/null
maint=$(sql "SELECT id FROM users WHERE username = 'maint'")
write_series s1 3 "Alice <alice@ex.com>" "the first thing"
for f in s1/*; do darn parsemail <"$f" || exit 1; done
diff_for src/one.c | mail "Carol <carol@ex.com>" "[PATCH] one more" \
	"<one@ex.com>" | darn parsemail || exit 1
p1=$(sql "SELECT id FROM patch WHERE msgid = '<s1-01@ex.com>'")
p2=$(sql "SELECT id FROM patch WHERE msgid = '<s1-02@ex.com>'")
p3=$(sql "SELECT id FROM patch WHERE msgid = '<s1-03@ex.com>'")
p4=$(sql "SELECT id FROM patch WHERE msgid = '<one@ex.com>'")
series=$(sql "SELECT series_id FROM patch WHERE id = $p1")
state() {
	sql "SELECT s.slug FROM patch p JOIN state s ON s.id = p.state_id
		WHERE p.id = $1"
}
state_id() {
	sql "SELECT id FROM state WHERE name = '$1'"
}
start_web_server
list=$base/project/test/list/

test_expect_success 'a logged-in user gets the forms under the list' '
	test "$(web anon get $list)" = 200 &&
	! grep -q "name=\"action\"" body &&
	web m post $base/user/login/ username=maint password=maint-pass >/dev/null &&
	test "$(web m get $list)" = 200 &&
	grep -q "name=\"patch_id:$p1\"" body &&
	grep -q "<input type=\"submit\" name=\"action\" value=\"update\">" body &&
	grep -q "<option value=\"\\*\" selected>no change</option>" body &&
	grep -q "name=\"bundle_name\"" body &&
	! grep -q "name=\"bundle_id\"" body
'

test_expect_success 'a maintainer changes the state of two patches in one POST' '
	ur=$(state_id "Under Review") &&
	test "$(web m post $list form=patchlistform action=update state=$ur \
		delegate="*" archived="*" patch_id:$p1=on patch_id:$p2=on)" = 200 &&
	grep -q "<li class=\"success\">2 patches updated</li>" body &&
	grep -q "<option value=\"$ur\" selected>Under Review</option>" body &&
	test "$(api GET /api/patches/$p1/)" = 200 &&
	test "$(json "j[\"state\"]")" = under-review &&
	test "$(api GET /api/patches/$p2/)" = 200 &&
	test "$(json "j[\"state\"]")" = under-review &&
	test "$(state $p3)" = new &&
	get "$base/api/events/?category=patch-state-changed" &&
	test "$(json "sorted(e[\"payload\"][\"patch\"][\"id\"] for e in j)")" = "[$p1, $p2]" &&
	test "$(json "set(e[\"actor\"][\"username\"] for e in j)")" = "{'"'"'maint'"'"'}" &&
	test "$(json "set(e[\"payload\"][\"current_state\"] for e in j)")" = "{'"'"'under-review'"'"'}"
'

test_expect_success 'a plain user is refused per patch and nothing changes' '
	web b post $base/user/login/ username=bob password=bob-pass >/dev/null &&
	acc=$(state_id Accepted) &&
	test "$(web b post $list form=patchlistform action=update state=$acc \
		delegate="*" archived=True patch_id:$p3=on patch_id:$p4=on)" = 200 &&
	grep -q "<div id=\"errors\"><p>The following errors were encountered:" body &&
	grep -q "You don&#x27;t have permissions to edit patch &#x27;" body &&
	test "$(grep -o "have permissions to edit patch" body | wc -l)" = 2 &&
	grep -q "<li class=\"warning\">No patches updated</li>" body &&
	test "$(state $p3)" = new && test "$(state $p4)" = new &&
	test "$(sql "SELECT archived FROM patch WHERE id = $p3")" = 0
'

test_expect_success 'no CSRF token: 403 and nothing changes' '
	acc=$(state_id Accepted) &&
	test "$(web m post $list --no-csrf form=patchlistform action=update \
		state=$acc delegate="*" archived="*" patch_id:$p3=on)" = 403 &&
	test "$(state $p3)" = new
'

test_expect_success 'the messages of an empty selection and of an invalid form' '
	test "$(web m post $list form=patchlistform action=update \
		state="*" delegate="*" archived="*")" = 200 &&
	grep -q "No patches selected; nothing updated" body &&
	test "$(web m post $list form=patchlistform action=update \
		state=nonsense delegate="*" archived="*" patch_id:$p3=on)" = 200 &&
	grep -q "The submitted form data was invalid" body &&
	grep -q "<ul class=\"errorlist\"><li>Select a valid choice" body &&
	test "$(state $p3)" = new
'

test_expect_success 'the patch page: properties for an editor, bundles for anyone logged in' '
	page=$base/project/test/patch/s1-03@ex.com/ &&
	test "$(web anon get $page)" = 200 && ! grep -q "<form" body &&
	test "$(web m get $page)" = 200 &&
	grep -q "<h3>Patch Properties</h3>" body &&
	grep -q "value=\"createbundle\"" body &&
	test "$(web b get $page)" = 200 &&
	! grep -q "Patch Properties" body && grep -q "value=\"createbundle\"" body &&
	acc=$(state_id Accepted) &&
	test "$(web b post $page state=$acc delegate= --form-from $page)" = 403 &&
	test "$(state $p3)" = new &&
	test "$(web m post $page state=$acc delegate=$maint archived=on)" = 200 &&
	grep -q "<li class=\"success\">Patch updated</li>" body &&
	test "$(api GET /api/patches/$p3/)" = 200 &&
	test "$(json "(j[\"state\"], j[\"archived\"], j[\"delegate\"][\"username\"])")" = "('"'"'accepted'"'"', True, '"'"'maint'"'"')" &&
	get "$base/api/events/?category=patch-delegated" &&
	test "$(json "[e[\"payload\"][\"patch\"][\"id\"] for e in j]")" = "[$p3]" &&
	test "$(web b post $page action=createbundle name=bobs)" = 200 &&
	grep -q "Bundle bobs created" body &&
	test "$(sql "SELECT count(*) FROM bundle_patch bp JOIN bundle b ON b.id = bp.bundle_id WHERE b.name = '"'"'bobs'"'"' AND bp.patch_id = $p3")" = 1 &&
	test "$(web b get $page)" = 200 && grep -q "value=\"addtobundle\"" body
'

test_expect_success 'bundles from the list: create, add, remove; only the owner adds' '
	test "$(web m post $list form=patchlistform action=Create \
		bundle_name=mine patch_id:$p2=on patch_id:$p1=on)" = 200 &&
	grep -q "Bundle mine created" body &&
	grep -q "added to bundle mine" body &&
	b=$(sql "SELECT id FROM bundle WHERE name = '"'"'mine'"'"'") &&
	test "$(sql "SELECT patch_id FROM bundle_patch WHERE bundle_id = $b ORDER BY ordering" | tr "\n" " ")" = "$p1 $p2 " &&
	grep -q "<option value=\"$b\">mine</option>" body &&
	test "$(web m post $list form=patchlistform action=Add bundle_id=$b \
		patch_id:$p1=on patch_id:$p4=on)" = 200 &&
	grep -q "<li class=\"warning\">Patch &#x27;\\[01/3\\] thing 1&#x27; already in bundle mine</li>" body &&
	test "$(sql "SELECT patch_id FROM bundle_patch WHERE bundle_id = $b ORDER BY ordering" | tr "\n" " ")" = "$p1 $p2 $p4 " &&
	test "$(web m post $list form=patchlistform action=Create bundle_name=mine)" = 200 &&
	grep -q "A bundle called mine already exists" body &&
	test "$(web m post $list form=patchlistform action=Create bundle_name=a/b)" = 200 &&
	grep -q "Bundle names can&#x27;t contain slashes" body &&
	test "$(web m post $list form=patchlistform action=Remove \
		removed_bundle_id=$b patch_id:$p2=on)" = 200 &&
	grep -q "removed from bundle mine" body &&
	test "$(sql "SELECT patch_id FROM bundle_patch WHERE bundle_id = $b ORDER BY ordering" | tr "\n" " ")" = "$p1 $p4 " &&
	test "$(web b post $list form=patchlistform action=Add bundle_id=$b \
		patch_id:$p3=on)" = 404 &&
	sql "UPDATE bundle SET public = 1 WHERE id = $b" &&
	test "$(web b post $list form=patchlistform action=Add bundle_id=$b \
		patch_id:$p3=on)" = 200 &&
	grep -q "permissions to add patches to bundle" body &&
	test "$(web b post $list form=patchlistform action=Remove \
		removed_bundle_id=$b patch_id:$p1=on)" = 200 &&
	grep -q "permissions to remove patches from bundle" body &&
	test "$(sql "SELECT patch_id FROM bundle_patch WHERE bundle_id = $b ORDER BY ordering" | tr "\n" " ")" = "$p1 $p4 "
'

test_expect_success 'the user'"'"'s items per page and patch ids apply to the list' '
	all="$list?state=*&archive=both" &&
	test "$(web m get "$all")" = 200 &&
	test "$(grep -o "name=\"patch_id:" body | wc -l)" = 4 &&
	! grep -q "<th>ID</th>" body &&
	test "$(web m post $base/user/ items_per_page=3 show_ids=on)" = 200 &&
	test "$(web m get "$all")" = 200 &&
	test "$(grep -o "name=\"patch_id:" body | wc -l)" = 3 &&
	grep -q "class=\"paginator\"" body &&
	grep -q "<th>ID</th>" body &&
	grep -q "data-clipboard-text=\"$p4\">$p4</button>" body &&
	test "$(web m get "$all&page=2")" = 200 &&
	test "$(grep -o "name=\"patch_id:" body | wc -l)" = 1 &&
	test "$(web anon get "$all")" = 200 &&
	test "$(grep -o "<tr>" body | wc -l)" = 5
'

test_expect_success 'select the whole series: one box acts on every patch of it' '
	test "$(web m post $base/user/ items_per_page=100)" = 200 &&
	test "$(web m get "$list?state=*")" = 200 &&
	test "$(grep -c "<input type=\"checkbox\" name=\"series_id\" form=\"patchlistform\" value=\"$series\"" body)" = 1 &&
	grep -q "<form method=\"post\" id=\"patchlistform\">" body &&
	rfc=$(state_id RFC) &&
	test "$(web m post "$list?state=*" form=patchlistform action=update \
		state=$rfc delegate="*" archived="*" series_id=$series)" = 200 &&
	grep -q "3 patches updated" body &&
	test "$(state $p1)$(state $p2)$(state $p3)" = rfcrfcrfc &&
	test "$(state $p4)" = new &&
	test "$(web b post "$list?state=*" form=patchlistform action=update \
		state=$rfc delegate="*" archived="*" series_id=$series patch_id:$p4=on)" = 200 &&
	test "$(grep -o "have permissions to edit patch" body | wc -l)" = 4
'

test_done
