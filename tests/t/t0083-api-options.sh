#!/bin/sh
# OPTIONS on the REST API's writable views (issue 8): the "actions"
# member Django REST Framework's SimpleMetadata adds, exactly (field
# order, types, labels, help texts, choices, a nested serializer's
# children), and only for a requester the view's permission checks let
# through: anonymous, a plain user, the submitter's user, a comment's
# author, the maintainer, a bundle's owner, a user's own record.
. "$(dirname "$0")/lib.sh"

setup_project
darn project add --linkname other --name Other --listid other.example.org \
	--listemail other@example.org >/dev/null
{ printf "Add widget a.\n\nSigned-off-by: Ann <ann@example.com>\n"
  diff_for src/a.c "widget a"; } |
	mail "Ann <ann@example.com>" "[PATCH] widget: add a" "<pa@example.com>" |
	darn parsemail
printf "Looks fine.\n" |
	mail "Rev <rev@example.com>" "Re: [PATCH] widget: add a" "<c1@example.com>" \
		"In-Reply-To: <pa@example.com>" | darn parsemail
printf "A series of one.\n" |
	mail "Cid <cid@example.com>" "[PATCH 0/1] gadgets" "<g0@example.com>" |
	darn parsemail
{ printf "Add gadget.\n\nSigned-off-by: Cid <cid@example.com>\n"
  diff_for src/g.c "gadget"; } |
	mail "Cid <cid@example.com>" "[PATCH 1/1] gadget" "<g1@example.com>" \
		"In-Reply-To: <g0@example.com>" | darn parsemail
printf "Nice cover.\n" |
	mail "Rev <rev@example.com>" "Re: [PATCH 0/1] gadgets" "<c2@example.com>" \
		"In-Reply-To: <g0@example.com>" | darn parsemail
setup_writers
for u in ann rev cid; do
	darn user add $u --email $u@example.com >/dev/null
done
anntoken=$(darn user token ann | tail -1)
revtoken=$(darn user token rev | tail -1)
cidtoken=$(darn user token cid | tail -1)
start_server

# Ids from the API, as a client finds them.
patch=$(curl -s "$base/api/patches/?q=widget" | python3 -c \
	'import json,sys; print(json.load(sys.stdin)[0]["id"])')
cover=$(curl -s "$base/api/covers/" | python3 -c \
	'import json,sys; print(json.load(sys.stdin)[0]["id"])')
pcomment=$(curl -s "$base/api/patches/$patch/comments/" | python3 -c \
	'import json,sys; print(json.load(sys.stdin)[0]["id"])')
ccomment=$(curl -s "$base/api/covers/$cover/comments/" | python3 -c \
	'import json,sys; print(json.load(sys.stdin)[0]["id"])')
user_id() {
	curl -s -H "Authorization: Token $token" "$base/api/users/?q=$1" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])'
}
maint_id=$(user_id maint)
bob_id=$(user_id bob)

# options PATH TOKEN: OPTIONS as that requester (no token: anonymous);
# prints the status and the method "actions" describes ("-": none). The
# body is compact JSON whose only "actions" key is the top-level one.
options() {
	status=$(api OPTIONS "$1" "$2")
	method=$(sed -n 's/.*"actions":{"\([A-Z]*\)".*/\1/p' body)
	echo "$status ${method:--}"
}

# token_of WHO: the API token of a user of the fixture, nothing for
# anonymous.
token_of() {
	case $1 in
	anonymous) ;;
	maint) echo "$token" ;;
	bob) echo "$bobtoken" ;;
	ann) echo "$anntoken" ;;
	rev) echo "$revtoken" ;;
	cid) echo "$cidtoken" ;;
	esac
}

# expect_form PATH METHOD WHO...: of anonymous, bob (a plain user), ann
# (the patch's submitter), rev (the comments' author), cid (the cover's
# author) and maint (the maintainer), exactly WHO get the METHOD form at
# PATH; everyone gets a 200.
expect_form() {
	path=$1 method=$2
	shift 2
	for who in anonymous bob ann rev cid maint; do
		case " $* " in
		*" $who "*) want="200 $method" ;;
		*) want="200 -" ;;
		esac
		expect_eq "$want" "$(options "$path" "$(token_of $who)")" \
			"$who at $path" || return 1
	done
}

# expect_actions FILE [METHOD]: the body's "actions" is
# tests/data/options/FILE, its keys in the same order (with METHOD in
# place of the file's method: a bundle's PUT form is the list's POST).
expect_actions() {
	file=$1
	shift
	python3 -c '
import json, sys
got = json.load(open("body")).get("actions")
want = json.load(open(sys.argv[1]))
if len(sys.argv) > 2:
    want = {sys.argv[2]: list(want.values())[0]}
if json.dumps(got) != json.dumps(want):
    print("expected:", json.dumps(want))
    print("got:     ", json.dumps(got))
    sys.exit(1)
' "$DATA/options/$file" "$@"
}

test_expect_success 'the fixture: users linked to the submitters, two comments' '
	expect_eq "1 1 1 1" "$patch $cover $pcomment $ccomment" &&
	expect_eq 200 "$(api GET /api/people/ "$token")" &&
	expect_eq "ann cid rev" "$(json "\" \".join(sorted(p[\"user\"][\"username\"] for p in j if p[\"user\"]))")"
'

test_expect_success 'a patch: the whole answer, as Patchwork 3.1.3 gave it' '
	expect_eq 200 "$(api OPTIONS /api/patches/$patch/ "$token")" &&
	expect_eq "Patch Detail|get:
Show a patch.

patch:
Update a patch.

put:
Update a patch.|application/json text/html|application/json application/x-www-form-urlencoded multipart/form-data" \
		"$(json "\"|\".join([j[\"name\"], j[\"description\"], \" \".join(j[\"renders\"]), \" \".join(j[\"parses\"])])")" &&
	expect_eq "name description renders parses actions" \
		"$(json "\" \".join(j)")" &&
	expect_actions patch.json
'

test_expect_success 'a patch: its submitter and the maintainer' '
	expect_form /api/patches/$patch/ PUT ann maint &&
	expect_form /api/1.1/patches/$patch/ PUT ann maint &&
	expect_form /api/patches/424242/ - &&
	expect_form /api/patches/99999999999999999999/ -
'

test_expect_success 'every API version lists every field (DRF drops them on output only)' '
	api OPTIONS /api/1.0/patches/$patch/ "$token" >/dev/null &&
	expect_actions patch.json &&
	api OPTIONS /api/1.0/users/$bob_id/ "$bobtoken" >/dev/null &&
	expect_actions user.json
'

test_expect_success 'a project: its maintainers only, by id or linkname' '
	expect_form /api/projects/1/ PUT maint &&
	expect_actions project.json &&
	expect_form /api/1.2/projects/test/ PUT maint &&
	expect_actions project.json &&
	expect_form /api/projects/other/ - &&
	expect_form /api/projects/nosuch/ -
'

test_expect_success 'a patch comment: its author, the patch'"'"'s editors' '
	expect_form /api/1.3/patches/$patch/comments/$pcomment/ PUT \
		rev ann maint &&
	expect_actions comment.json &&
	expect_form /api/1.3/patches/2/comments/$pcomment/ - &&
	expect_eq 404 "$(api OPTIONS /api/1.2/patches/$patch/comments/$pcomment/ "$token")"
'

test_expect_success 'a cover comment: its author, the cover'"'"'s, the maintainer' '
	expect_form /api/covers/$cover/comments/$ccomment/ PUT rev cid maint &&
	expect_actions comment.json &&
	expect_form /api/covers/$cover/comments/424242/ -
'

test_expect_success 'checks: AllowAny, so everyone sees the POST form' '
	expect_form /api/patches/$patch/checks/ POST anonymous bob ann rev cid maint &&
	expect_actions check.json &&
	expect_form /api/1.0/patches/424242/checks/ POST anonymous bob ann rev cid maint &&
	expect_actions check.json &&
	expect_eq 201 "$(api POST /api/patches/$patch/checks/ "$token" \
		application/json "{\"state\": \"success\"}")" &&
	expect_form /api/patches/$patch/checks/1/ -
'

test_expect_success 'bundles: a signed-in user, from API 1.2' '
	expect_form /api/bundles/ POST bob ann rev cid maint &&
	expect_actions bundles.json &&
	expect_form /api/1.2/bundles/ POST bob ann rev cid maint &&
	expect_form /api/1.1/bundles/ -
'

test_expect_success 'a bundle: its owner, from API 1.2' '
	expect_eq 201 "$(api POST /api/bundles/ "$token" application/json \
		"{\"name\": \"pub\", \"public\": true, \"patches\": [$patch]}")" &&
	pub=$(json "j[\"id\"]") &&
	expect_eq 201 "$(api POST /api/bundles/ "$token" application/json \
		"{\"name\": \"priv\", \"patches\": [$patch]}")" &&
	priv=$(json "j[\"id\"]") &&
	expect_form /api/bundles/$pub/ PUT maint &&
	expect_actions bundles.json PUT &&
	expect_form /api/bundles/$priv/ PUT maint &&
	expect_form /api/1.1/bundles/$pub/ -
'

test_expect_success 'a user: only one'"'"'s own record; anonymous 403' '
	expect_eq "200 PUT" "$(options /api/users/$bob_id/ "$bobtoken")" &&
	expect_actions user.json &&
	expect_eq "200 -" "$(options /api/users/$maint_id/ "$bobtoken")" &&
	expect_eq "200 PUT" "$(options /api/users/$maint_id/ "$token")" &&
	expect_eq "200 -" "$(options /api/users/424242/ "$bobtoken")" &&
	expect_eq 403 "$(api OPTIONS /api/users/$bob_id/ "")"
'

test_expect_success 'read-only views never describe a form' '
	for path in /api/ /api/projects/ /api/patches/ /api/covers/$cover/ \
	    /api/patches/$patch/comments/ /api/series/ /api/events/; do
		expect_form $path - || return 1
	done &&
	expect_eq "200 -" "$(options /api/people/ "$token")" &&
	expect_eq "200 -" "$(options /api/users/ "$token")"
'

test_done
