#!/bin/sh
# The other REST writes (issue 8): comments' `addressed`, bundles (git-pw
# bundle create/update/delete, private bundles and their mbox), a user's
# own record, a maintainer's project; and bad input that must leave the
# database as it was.
. "$(dirname "$0")/lib.sh"

setup_project
darn project add --linkname other --name Other --listid other.example.org \
	--listemail other@example.org >/dev/null
for n in a b; do
	{ printf "Add widget $n.\n\nSigned-off-by: Ann <ann@example.com>\n"
	  diff_for src/$n.c "widget $n"; } |
		mail "Ann <ann@example.com>" "[PATCH] widget: add $n" "<p$n@example.com>" |
		darn parsemail
done
{ printf "Looks fine.\n"; } |
	mail "Rev <rev@example.com>" "Re: [PATCH] widget: add a" "<c1@example.com>" \
		"In-Reply-To: <pa@example.com>" | darn parsemail
{ printf "Add gadget.\n\nSigned-off-by: Oz <oz@example.com>\n"
  diff_for src/g.c "gadget"; } |
	mail "Oz <oz@example.com>" "[PATCH] gadget" "<po@example.com>" |
	sed "s/^List-Id: .*/List-Id: <other.example.org>/" | darn parsemail
setup_writers
start_server

# The database's content that no refused write may change.
snapshot() {
	sql "SELECT id, addressed FROM patch_comment;
	     SELECT id, name, public, project_id FROM bundle;
	     SELECT bundle_id, patch_id FROM bundle_patch;
	     SELECT id, first_name, last_name FROM users;
	     SELECT id, web_url, scm_url FROM project;
	     SELECT count(*) FROM event;"
}

test_expect_success 'the fixture: patches 1 and 2 in test, 3 in other' '
	expect_eq 3 "$(sql "SELECT count(*) FROM patch")" &&
	expect_eq 2 "$(sql "SELECT project_id FROM patch WHERE msgid = '\''<po@example.com>'\''")"
'

test_expect_success 'pwclient-style JSON PATCH of a comment: addressed' '
	expect_eq 200 "$(api PATCH /api/1.3/patches/1/comments/1/ "$token" \
		application/json "{\"addressed\": true}")" &&
	expect_eq True "$(json "j[\"addressed\"]")" &&
	expect_eq 1 "$(sql "SELECT addressed FROM patch_comment WHERE id = 1")" &&
	get "$base/api/1.3/events/?category=patch-comment-created" &&
	expect_eq "2 None" "$(json "str(len(j)) + \" \" + str(j[0][\"actor\"])")"
'

test_expect_success 'comment writes: 404 below 1.3, wrong parent, anonymous 403' '
	expect_eq 404 "$(api PATCH /api/1.2/patches/1/comments/1/ "$token" \
		application/json "{\"addressed\": false}")" &&
	expect_eq 404 "$(api PATCH /api/1.3/patches/2/comments/1/ "$token" \
		application/json "{\"addressed\": false}")" &&
	expect_eq 403 "$(api PATCH /api/1.3/patches/1/comments/1/ "" \
		application/json "{\"addressed\": false}")" &&
	expect_eq 403 "$(api PATCH /api/1.3/patches/1/comments/1/ "$bobtoken" \
		application/json "{\"addressed\": false}")" &&
	expect_eq 1 "$(sql "SELECT addressed FROM patch_comment WHERE id = 1")"
'

test_expect_success 'git-pw bundle create, update, delete' '
	if ! command -v git-pw >/dev/null 2>&1; then exit 0; fi
	git init -q repo && cd repo &&
	git config pw.server "$base/api/1.2" && git config pw.project test &&
	git config pw.token "$token" &&
	git pw bundle create --private mine 2 1 >out 2>err &&
	cd .. &&
	expect_eq "mine 0" "$(sql "SELECT name, public FROM bundle" | tr "|" " ")" &&
	expect_eq "2 1" "$(sql "SELECT patch_id FROM bundle_patch ORDER BY ordering" | tr "\n" " " | sed "s/ $//")" &&
	cd repo && git pw bundle update --name ours --public --patch 1 1 >out 2>err &&
	cd .. &&
	expect_eq "ours 1 1" "$(sql "SELECT b.name, b.public, bp.patch_id FROM bundle b JOIN bundle_patch bp ON bp.bundle_id = b.id" | tr "|" " ")" &&
	cd repo && git pw bundle delete 1 >out 2>err && cd .. &&
	expect_eq 0 "$(sql "SELECT count(*) FROM bundle")"
'

test_expect_success 'a bundle: 201 and Location; 405 below 1.2; anonymous 403' '
	expect_eq 201 "$(curl -s -D headers -o body -w "%{http_code}" -X POST \
		-H "Authorization: Token $token" \
		-d "name=priv" -d "patches=1" -d "patches=2" -d "public=False" \
		"$base/api/1.2/bundles/")" &&
	id=$(json "j[\"id\"]") &&
	grep -qi "^Location: $base/api/1.2/bundles/$id/" headers &&
	expect_eq 405 "$(api POST /api/1.1/bundles/ "$token" application/json \
		"{\"name\": \"x\", \"patches\": [1]}")" &&
	expect_eq 403 "$(api POST /api/bundles/ "" application/json \
		"{\"name\": \"x\", \"patches\": [1]}")" &&
	expect_eq 1 "$(sql "SELECT count(*) FROM bundle")"
'

test_expect_success 'a private bundle: its owner sees it, in the API and as mbox' '
	id=$(sql "SELECT id FROM bundle WHERE name = '\''priv'\''") &&
	expect_eq 200 "$(api GET /api/bundles/$id/ "$token")" &&
	expect_eq 404 "$(api GET /api/bundles/$id/ "$bobtoken")" &&
	expect_eq 404 "$(api GET /api/bundles/$id/ "")" &&
	expect_eq 200 "$(api GET /api/bundles/ "$token")" &&
	expect_eq 1 "$(json "len(j)")" &&
	expect_eq 200 "$(api GET /api/bundles/ "")" &&
	expect_eq 0 "$(json "len(j)")" &&
	expect_eq 200 "$(api GET /bundle/maint/priv/mbox/ "$token")" &&
	grep -q "widget: add a" body &&
	expect_eq 200 "$(curl -s -o body -w "%{http_code}" -u maint:maint-pass \
		"$base/bundle/maint/priv/mbox/")" &&
	expect_eq 404 "$(api GET /bundle/maint/priv/mbox/ "$bobtoken")" &&
	expect_eq 404 "$(api GET /bundle/maint/priv/mbox/ "")" &&
	expect_eq 404 "$(api GET /bundle/maint/priv/mbox/ nosuchtoken)"
'

test_expect_success 'a user updates their own name, not anybody else'"'"'s' '
	expect_eq 200 "$(api PATCH /api/1.2/users/2/ "$bobtoken" \
		application/json "{\"first_name\": \"Bob\", \"last_name\": \"Builder\",
		\"settings\": {\"items_per_page\": 50}}")" &&
	expect_eq "Bob Builder 50" \
		"$(json "j[\"first_name\"] + \" \" + j[\"last_name\"] + \" \" + str(j[\"settings\"][\"items_per_page\"])")" &&
	expect_eq 200 "$(api PATCH /api/users/2/ "$bobtoken" \
		application/x-www-form-urlencoded "last_name=Form&settings.show_ids=True")" &&
	expect_eq "Form True" "$(json "j[\"last_name\"] + \" \" + str(j[\"settings\"][\"show_ids\"])")" &&
	expect_eq 403 "$(api PATCH /api/users/1/ "$bobtoken" application/json \
		"{\"first_name\": \"Hacked\"}")" &&
	expect_eq 400 "$(api PATCH /api/users/2/ "$bobtoken" application/json \
		"{\"settings\": \"many\"}")" &&
	expect_eq "{\"settings\":{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got str.\"]}}" "$(cat body)" &&
	expect_eq "|" "$(sql "SELECT first_name, last_name FROM users WHERE id = 1")"
'

test_expect_success 'a maintainer edits the project, by id or linkname' '
	expect_eq 200 "$(api PATCH /api/projects/test/ "$token" application/json \
		"{\"web_url\": \"https://example.org/\", \"name\": \"ignored\"}")" &&
	expect_eq "https://example.org/ Test project" "$(json "j[\"web_url\"] + \" \" + j[\"name\"]")" &&
	expect_eq 200 "$(api PUT /api/projects/1/ "$token" \
		application/x-www-form-urlencoded "scm_url=git://example.org/x.git")" &&
	expect_eq "git://example.org/x.git" "$(sql "SELECT scm_url FROM project WHERE id = 1")" &&
	expect_eq 403 "$(api PATCH /api/projects/other/ "$token" application/json \
		"{\"web_url\": \"https://evil.example/\"}")" &&
	expect_eq 403 "$(api PATCH /api/projects/test/ "$bobtoken" application/json \
		"{\"web_url\": \"https://evil.example/\"}")" &&
	expect_eq "" "$(sql "SELECT web_url FROM project WHERE id = 2")"
'

test_expect_success 'form data: an absent boolean is false on PUT, kept on PATCH' '
	sql "UPDATE project SET show_dependencies = 1 WHERE id = 1" &&
	expect_eq 200 "$(api PATCH /api/projects/1/ "$token" \
		application/x-www-form-urlencoded "web_url=https://a.example/")" &&
	expect_eq 1 "$(sql "SELECT show_dependencies FROM project WHERE id = 1")" &&
	expect_eq 200 "$(api PUT /api/projects/1/ "$token" \
		application/x-www-form-urlencoded "web_url=https://a.example/")" &&
	expect_eq 0 "$(sql "SELECT show_dependencies FROM project WHERE id = 1")" &&
	sql "UPDATE project SET show_dependencies = 1 WHERE id = 1" &&
	expect_eq 200 "$(api PUT /api/projects/1/ "$token" application/json \
		"{\"web_url\": \"https://a.example/\"}")" &&
	expect_eq 1 "$(sql "SELECT show_dependencies FROM project WHERE id = 1")"
'

test_expect_success 'OPTIONS: the PUT form for who may use it' '
	expect_eq 200 "$(api OPTIONS /api/patches/1/ "$token")" &&
	expect_eq "True 255" "$(json "str(j[\"actions\"][\"PUT\"][\"state\"][\"required\"]) + \" \" + str(j[\"actions\"][\"PUT\"][\"commit_ref\"][\"max_length\"])")" &&
	expect_eq 200 "$(api OPTIONS /api/patches/1/ "$bobtoken")" &&
	expect_eq False "$(json "\"actions\" in j")"
'

test_expect_success 'multipart form data and a write without its slash' '
	expect_eq 200 "$(curl -s -o body -w "%{http_code}" -X PATCH \
		-H "Authorization: Token $token" -F state=rfc "$base/api/patches/2/")" &&
	expect_eq rfc "$(json "j[\"state\"]")" &&
	expect_eq 301 "$(curl -s -D headers -o body -w "%{http_code}" -X PATCH \
		-H "Authorization: Token $token" "$base/api/patches/2")" &&
	grep -q "^Location: /api/patches/2/" headers
'

test_expect_success 'bad input: a clean 4xx and nothing changed' '
	snapshot >before &&
	for c in \
	    "PATCH /api/1.3/patches/1/comments/1/ application/json {\"addressed\":\"maybe\"} 400" \
	    "PATCH /api/1.3/patches/1/comments/99999999999999999999/ application/json {} 404" \
	    "PATCH /api/1.3/patches/99999999999999999999/comments/1/ application/json {} 404" \
	    "POST /api/bundles/ application/json {\"name\":\"x\",\"patches\":[1,3]} 400" \
	    "POST /api/bundles/ application/json {\"name\":\"x\",\"patches\":[99999999999999999999]} 400" \
	    "POST /api/bundles/ application/json {\"name\":[1],\"patches\":\"1\"} 400" \
	    "POST /api/bundles/ application/json {\"name\":\"x\",\"patches\":[true]} 400" \
	    "PATCH /api/bundles/99999999999999999999/ application/json {} 404" \
	    "DELETE /api/bundles/424242/ application/json {} 404" \
	    "PATCH /api/users/2/ application/json {\"settings\":{\"items_per_page\":\"many\"}} 400" \
	    "PATCH /api/users/99999999999999999999/ application/json {} 404" \
	    "PATCH /api/projects/1/ application/json {\"show_dependencies\":\"maybe\"} 400" \
	    "PATCH /api/projects/1/ application/json {\"web_url\":[1]} 400" \
	    "PATCH /api/projects/other/ application/json {\"web_url\":\"x\"} 403" \
	    "PATCH /api/projects/99999999999999999999/ application/json {} 404" \
	    "PATCH /api/projects/1/ multipart/form-data x=1 400" \
	    "PATCH /api/projects/1/ application/json {\"web_url\": 400"; do
		set -- $c
		tok=$token
		case "$2" in /api/users/*) tok=$bobtoken ;; esac
		got=$(api "$1" "$2" "$tok" "$3" "$4") &&
		if [ "$got" != "$5" ]; then
			echo "# $1 $2 $4: $got, expected $5"; cat body; exit 1
		fi
	done &&
	snapshot >after && cmp before after
'

test_done
