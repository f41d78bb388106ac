#!/bin/sh
# The bundle and todo pages (issue 10, web-and-mbox.md §5.6, §5.8): the
# user's bundle lists, a bundle's page (private: its owner's only) with
# the owner's forms (rename, public, delete, reorder, remove patches),
# each checked for its CSRF token and made through the API's bundle
# rules, and the todo lists after a delegation through the REST API.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/t/web-lib.sh"

setup_project
setup_writers
darn project add --linkname other --name "Other project" \
	--listid other.darn.example --listemail list@other.darn.example \
	>/dev/null
write_series s 3 "Ann <ann@ex.com>" "three things"
for f in s/00 s/01 s/02 s/03; do darn parsemail <"$f" >/dev/null; done
diff_for src/o.c | mail "Ann <ann@ex.com>" "[PATCH] other thing" "<o-1@ex.com>" |
	sed 's/^List-Id: .*/List-Id: Other <other.darn.example>/' |
	darn parsemail >/dev/null
maint=$(sql "SELECT id FROM users WHERE username = 'maint'")
p1=$(sql "SELECT id FROM patch WHERE msgid = '<s-01@ex.com>'")
p2=$(sql "SELECT id FROM patch WHERE msgid = '<s-02@ex.com>'")
p3=$(sql "SELECT id FROM patch WHERE msgid = '<s-03@ex.com>'")
po=$(sql "SELECT id FROM patch WHERE msgid = '<o-1@ex.com>'")
start_web_server

# bundle TOKEN NAME PUBLIC PATCH...: a bundle made through the REST API.
bundle() {
	t=$1 n=$2 pub=$3
	shift 3
	ids=$(echo "$@" | tr " " ,)
	api POST /api/1.2/bundles/ "$t" application/json \
		"{\"name\": \"$n\", \"public\": $pub, \"patches\": [$ids]}"
}

# order NAME: the patch ids of maint's bundle NAME in bundle order.
order() {
	sql "SELECT bp.patch_id FROM bundle_patch bp JOIN bundle b ON
		b.id = bp.bundle_id WHERE b.name = '$1' ORDER BY bp.ordering,
		bp.id" | tr "\n" " " | sed "s/ $//"
}

# rows: the msgids of the patch list's rows in ./body, in order.
rows() {
	grep -o 'href="/project/test/patch/[^/]*/"' body |
		sed 's|.*/patch/\([^/]*\)/"|\1|' | tr "\n" " " | sed "s/ $//"
}

test_expect_success 'bundles made through the API' '
	expect_eq 201 "$(bundle "$token" mine false $p1 $p2 $p3)" &&
	expect_eq 201 "$(bundle "$token" spare false $p1)" &&
	expect_eq 201 "$(bundle "$bobtoken" shared true $p2 $p1)" &&
	mine=$(sql "SELECT id FROM bundle WHERE name = '\''mine'\''") &&
	echo "$mine" >mine.id
'
mine=$(cat mine.id 2>/dev/null)

test_expect_success 'the bundle lists need a login' '
	expect_eq 302 "$(web x get $base/user/bundles/)" &&
	expect_eq "/user/login/?next=/user/bundles/" "$(header Location)" &&
	expect_eq 302 "$(web x get $base/project/test/bundles/)"
'

test_expect_success '/user/bundles/ lists the user'"'"'s bundles only' '
	expect_eq 302 "$(web m post $base/user/login/ username=maint password=maint-pass)" &&
	expect_eq 200 "$(web m get $base/user/bundles/)" &&
	grep -q "<title>Bundles - " body &&
	grep -q "href=\"/bundle/maint/mine/\">mine</a>" body &&
	grep -q "href=\"/bundle/maint/mine/mbox/\"" body &&
	grep -q "href=\"/bundle/maint/spare/\"" body &&
	grep -q "name=\"bundle_id\" value=\"$mine\"" body &&
	grep -q "value=\"deletebundleform\"" body &&
	! grep -q "shared" body &&
	grep -q "<td class=\"number\">3</td>" body
'

test_expect_success '/project/<p>/bundles/ lists those of the project' '
	expect_eq 201 "$(bundle "$token" elsewhere false $po)" &&
	expect_eq 200 "$(web m get $base/project/test/bundles/)" &&
	grep -q "/bundle/maint/mine/" body &&
	! grep -q "/bundle/maint/elsewhere/" body &&
	expect_eq 200 "$(web m get $base/project/other/bundles/)" &&
	grep -q "/bundle/maint/elsewhere/" body &&
	! grep -q "/bundle/maint/mine/" body &&
	expect_eq 404 "$(web m get $base/project/nope/bundles/)"
'

test_expect_success 'a private bundle is its owner'"'"'s only' '
	expect_eq 404 "$(web x get $base/bundle/maint/mine/)" &&
	expect_eq 302 "$(web b post $base/user/login/ username=bob password=bob-pass)" &&
	expect_eq 404 "$(web b get $base/bundle/maint/mine/)" &&
	expect_eq 404 "$(web m get $base/bundle/maint/nothing/)" &&
	expect_eq 200 "$(web m get $base/bundle/maint/mine/)" &&
	grep -q "<h1>Bundle</h1>" body &&
	grep -q "value=\"Update\"" body &&
	grep -q "id=\"reorderform\"" body &&
	grep -q "name=\"removed_bundle_id\" value=\"$mine\"" body &&
	expect_eq "s-01@ex.com s-02@ex.com s-03@ex.com" "$(rows)"
'

test_expect_success 'a public bundle is anyone'"'"'s to see, in the normal order' '
	expect_eq 200 "$(web x get $base/bundle/bob/shared/)" &&
	! grep -q "value=\"Update\"" body &&
	! grep -q "reorderform" body &&
	grep -q "Download bundle as mbox" body &&
	grep -q "href=\"/bundle/bob/shared/?order=name\"" body &&
	! grep -q "f-delegate" body &&
	expect_eq "s-02@ex.com s-01@ex.com" "$(rows)" &&
	expect_eq 200 "$(web x get "$base/bundle/bob/shared/?order=name")" &&
	expect_eq "s-01@ex.com s-02@ex.com" "$(rows)" &&
	expect_eq 200 "$(web m get $base/bundle/bob/shared/)" &&
	! grep -q "value=\"Update\"" body
'

test_expect_success 'the owner sees the bundle order, whatever the order asked' '
	expect_eq 200 "$(web b get "$base/bundle/bob/shared/?order=name")" &&
	expect_eq "s-02@ex.com s-01@ex.com" "$(rows)"
'

# as Patchwork (golden bundle-owner-alice): the owner's headers are plain
# text but Date's, which stays the link of the list's default order
test_expect_success 'the owner sees plain column headers, but Date' '
	expect_eq 200 "$(web b get "$base/bundle/bob/shared/")" &&
	grep -q "<th>Patch</th>" body &&
	grep -q "<th class=\"wide\">Submitter</th>" body &&
	! grep -q "?order=name" body &&
	grep -q "href=\"/bundle/bob/shared/?order=date\" class=\"sorted up\">Date<" body
'

test_expect_success 'a POST without its CSRF token changes nothing' '
	expect_eq 403 "$(web m post $base/bundle/maint/mine/ form=bundle action=Delete --no-csrf)" &&
	expect_eq 403 "$(web m post $base/bundle/maint/mine/ form=reorderform order_start=$p1 neworder=$p3 --csrf wrong)" &&
	expect_eq 403 "$(web m post $base/user/bundles/ form_name=deletebundleform bundle_id=$mine --no-csrf)" &&
	expect_eq "$p1 $p2 $p3" "$(order mine)"
'

test_expect_success 'reorder: Patchwork'"'"'s form fields' '
	expect_eq 200 "$(web m post $base/bundle/maint/mine/ form=reorderform \
		order_start=$p1 neworder=$p3 neworder=$p1 neworder=$p2)" &&
	expect_eq "$p3 $p1 $p2" "$(order mine)" &&
	expect_eq "s-03@ex.com s-01@ex.com s-02@ex.com" "$(rows)" &&
	expect_eq 200 "$(api GET /bundle/maint/mine/mbox/ "$token")" &&
	expect_eq "$p3 $p1 $p2" "$(sed -n "s/^X-Patchwork-Id: //p" body | tr "\n" " " | sed "s/ $//")"
'

test_expect_success 'reorder without JavaScript: a row'"'"'s up button' '
	web m get $base/bundle/maint/mine/ >/dev/null &&
	grep -q "formaction=\"?order_start=$p3&amp;neworder=$p1&amp;neworder=$p3\"" body &&
	expect_eq 302 "$(web m post "$base/bundle/maint/mine/?order_start=$p3&neworder=$p1&neworder=$p3" \
		form=reorderform order_start=0 --form-from $base/bundle/maint/mine/)" &&
	expect_eq /bundle/maint/mine/ "$(header Location)" &&
	expect_eq "$p1 $p3 $p2" "$(order mine)"
'

test_expect_success 'reorder: a patch not in the bundle is a 404 and changes nothing' '
	expect_eq 404 "$(web m post $base/bundle/maint/mine/ form=reorderform \
		order_start=$p1 neworder=$p2 neworder=$po)" &&
	expect_eq "$p1 $p3 $p2" "$(order mine)"
'

test_expect_success 'the old /user/bundle/<id>/ URLs redirect, for the owner' '
	expect_eq 302 "$(web m get $base/user/bundle/$mine/)" &&
	expect_eq /bundle/maint/mine/ "$(header Location)" &&
	expect_eq 302 "$(web m get $base/user/bundle/$mine/mbox/)" &&
	expect_eq /bundle/maint/mine/mbox/ "$(header Location)" &&
	expect_eq 404 "$(web b get $base/user/bundle/$mine/)" &&
	expect_eq 302 "$(web x get $base/user/bundle/$mine/)" &&
	expect_eq "/user/login/?next=/user/bundle/$mine/" "$(header Location)"
'

test_expect_success 'someone else'"'"'s forms on a public bundle change nothing' '
	expect_eq 200 "$(web m post $base/bundle/bob/shared/ form=bundle action=Delete)" &&
	expect_eq 200 "$(web m post $base/bundle/bob/shared/ form=reorderform \
		order_start=$p2 neworder=$p1 neworder=$p2)" &&
	expect_eq "$p2 $p1" "$(order shared)" &&
	expect_eq 404 "$(web b post $base/user/bundles/ form_name=deletebundleform bundle_id=$mine)" &&
	expect_eq 1 "$(sql "SELECT count(*) FROM bundle WHERE id = $mine")"
'

test_expect_success 'rename and make public; refused names' '
	expect_eq 200 "$(web m post $base/bundle/maint/mine/ form=bundle action=Update name=a/b)" &&
	grep -q "Bundle names can&#x27;t contain slashes\|Bundle names can.t contain slashes" body &&
	expect_eq 200 "$(web m post $base/bundle/maint/mine/ form=bundle action=Update name=spare)" &&
	grep -q "A bundle called spare already exists" body &&
	expect_eq "mine 0" "$(sql "SELECT name, public FROM bundle WHERE id = $mine" | tr "|" " ")" &&
	expect_eq 302 "$(web m post $base/bundle/maint/mine/ form=bundle action=Update name=ours public=on)" &&
	expect_eq /bundle/maint/ours/ "$(header Location)" &&
	expect_eq "ours 1" "$(sql "SELECT name, public FROM bundle WHERE id = $mine" | tr "|" " ")" &&
	expect_eq 404 "$(web x get $base/bundle/maint/mine/)" &&
	expect_eq 200 "$(web x get $base/bundle/maint/ours/)" &&
	expect_eq 200 "$(web m post $base/bundle/maint/ours/ form=bundle action=Update name=ours)" &&
	expect_eq 0 "$(sql "SELECT public FROM bundle WHERE id = $mine")"
'

test_expect_success 'remove patches from the bundle' '
	expect_eq 200 "$(web m post $base/bundle/maint/ours/ form=patchlistform \
		action=Remove removed_bundle_id=$mine patch_id:$p3=on patch_id:$po=on)" &&
	grep -q "Patch &#x27;\[3/3\] thing 3&#x27; removed from bundle ours\|thing 3.* removed from bundle ours" body &&
	expect_eq "$p1 $p2" "$(order ours)" &&
	expect_eq 200 "$(api GET /api/bundles/$mine/ "$token")" &&
	expect_eq 2 "$(json "len(j[\"patches\"])")"
'

test_expect_success 'delete from the bundle page, and from the list' '
	expect_eq 302 "$(web m post $base/bundle/maint/ours/ form=bundle action=Delete)" &&
	expect_eq /user/ "$(header Location)" &&
	expect_eq 0 "$(sql "SELECT count(*) FROM bundle WHERE id = $mine")" &&
	spare=$(sql "SELECT id FROM bundle WHERE name = '\''spare'\''") &&
	expect_eq 200 "$(web m post $base/user/bundles/ form_name=deletebundleform bundle_id=$spare)" &&
	! grep -q "/bundle/maint/spare/" body &&
	expect_eq 0 "$(sql "SELECT count(*) FROM bundle WHERE id = $spare")"
'

test_expect_success 'the todo pages need a login' '
	expect_eq 302 "$(web x get $base/user/todo/)" &&
	expect_eq 302 "$(web x get $base/user/todo/test/)"
'

test_expect_success 'no todo list before a delegation' '
	expect_eq 200 "$(web m get $base/user/todo/)" &&
	grep -q "<title>maint&#x27;s todo lists - \|<title>maint.s todo lists - " body &&
	grep -q "No todo lists" body &&
	expect_eq 200 "$(web m get $base/user/todo/test/)" &&
	grep -q "Delegate = <strong>maint</strong>" body &&
	grep -q "0 patches" body &&
	grep -q "New, Under Review" body
'

test_expect_success 'a patch delegated through the API is on the todo list' '
	expect_eq 200 "$(api PATCH /api/patches/$p2/ "$token" application/json \
		"{\"delegate\": $maint}")" &&
	expect_eq 302 "$(web m get $base/user/todo/)" &&
	expect_eq /user/todo/test/ "$(header Location)" &&
	expect_eq 200 "$(web m get $base/user/todo/test/)" &&
	expect_eq "s-02@ex.com" "$(rows)" &&
	grep -q "1 patch<" body &&
	grep -q "href=\"/user/todo/test/?state=%2A&amp;delegate=$maint\"" body &&
	grep -q "href=\"/user/todo/test/?order=name\"" body &&
	! grep -q "f-delegate" body &&
	expect_eq 200 "$(web m get "$base/user/todo/test/?delegate=Nobody")" &&
	expect_eq "s-02@ex.com" "$(rows)" &&
	expect_eq 200 "$(web b get $base/user/todo/test/)" &&
	expect_eq "" "$(rows)"
'

test_expect_success 'two projects: the todo lists with their counts' '
	darn project edit other --add-maintainer maint >/dev/null &&
	expect_eq 200 "$(api PATCH /api/patches/$po/ "$token" application/json \
		"{\"delegate\": $maint}")" &&
	expect_eq 200 "$(web m get $base/user/todo/)" &&
	grep -q "href=\"/user/todo/other/\">Other project</a>" body &&
	grep -q "href=\"/user/todo/test/\">Test project</a>" body
'

test_expect_success 'archived or done, a patch leaves the todo list' '
	expect_eq 200 "$(api PATCH /api/patches/$p2/ "$token" application/json \
		"{\"archived\": true}")" &&
	expect_eq 200 "$(api PATCH /api/patches/$po/ "$token" application/json \
		"{\"state\": \"accepted\"}")" &&
	expect_eq 200 "$(web m get $base/user/todo/)" &&
	grep -q "No todo lists" body &&
	expect_eq 200 "$(web m get "$base/user/todo/test/?archive=both")" &&
	expect_eq "s-02@ex.com" "$(rows)"
'

test_done
