#!/bin/sh
# REST writes as Patchwork's clients make them (issue 8): pwclient's REST
# backend (JSON PATCH with a token), b4 (form PATCH state=<slug>), a CI
# bot posting checks, git-pw's patch update; and bodies the server must
# refuse without changing anything.
. "$(dirname "$0")/lib.sh"

setup_project
{ printf "Add widget a.\n\nSigned-off-by: Ann <ann@example.com>\n"
  diff_for src/a.c "widget a"; } |
	mail "Ann <ann@example.com>" "[PATCH] widget: add a" "<p1@example.com>" |
	darn parsemail
setup_writers
start_server

test_expect_success 'pwclient REST: JSON PATCH of state with a token' '
	expect_eq 200 "$(api PATCH /api/patches/1/ "$token" application/json \
		"{\"state\": \"under-review\"}")" &&
	expect_eq under-review "$(json "j[\"state\"]")"
'

test_expect_success 'b4: form PATCH state=<slug>' '
	expect_eq 200 "$(api PATCH /api/1.1/patches/1/ "$token" \
		application/x-www-form-urlencoded "state=accepted&archived=True")" &&
	expect_eq "accepted True" "$(json "j[\"state\"] + \" \" + str(j[\"archived\"])")"
'

test_expect_success 'the changes are events with the maintainer as actor' '
	get "$base/api/events/?category=patch-state-changed" &&
	expect_eq "2 maint accepted" \
		"$(json "str(len(j)) + \" \" + j[0][\"actor\"][\"username\"] + \" \" + j[0][\"payload\"][\"current_state\"]")"
'

test_expect_success 'a CI bot posts a check and reads the patch'"'"'s check' '
	expect_eq 201 "$(api POST /api/patches/1/checks/ "$token" \
		application/json "{\"state\": \"fail\", \"context\": \"ci-build\",
		\"target_url\": \"https://ci.example.org/1\"}")" &&
	grep -q "\"context\":\"ci-build\"" body &&
	get "$base/api/patches/1/" && expect_eq fail "$(json "j[\"check\"]")"
'

test_expect_success 'someone else may not change the patch: 403, nothing changed' '
	expect_eq 403 "$(api PATCH /api/patches/1/ "$bobtoken" \
		application/json "{\"state\": \"rejected\"}")" &&
	expect_eq "{\"detail\":\"You do not have permission to perform this action.\"}" "$(cat body)" &&
	expect_eq 403 "$(api PATCH /api/patches/1/ "" \
		application/json "{\"state\": \"rejected\"}")" &&
	get "$base/api/patches/1/" && expect_eq accepted "$(json "j[\"state\"]")"
'

test_expect_success 'bad bodies: 400 and 415 as DRF, nothing changed' '
	expect_eq 400 "$(api PATCH /api/patches/1/ "$token" application/json \
		"{\"state\": rejected")" &&
	expect_eq "{\"detail\":\"JSON parse error - Expecting value: line 1 column 11 (char 10)\"}" "$(cat body)" &&
	expect_eq 415 "$(api PATCH /api/patches/1/ "$token" text/plain \
		"state=rejected")" &&
	expect_eq 400 "$(api PATCH /api/patches/1/ "$token" application/json \
		"[1]")" &&
	expect_eq 400 "$(api PATCH /api/patches/1/ "$token" application/json \
		"{\"state\": \"bogus\"}")" &&
	grep -q "Invalid state bogus" body &&
	get "$base/api/patches/1/" && expect_eq accepted "$(json "j[\"state\"]")"
'

test_expect_success 'a body over http.max_body_bytes: 413 before it is read' '
	head -c 11000000 /dev/zero | tr "\0" x >big &&
	expect_eq 413 "$(curl -s -o body -w "%{http_code}" -X PATCH \
		-H "Authorization: Token $token" -H "Content-Type: application/json" \
		--data-binary @big "$base/api/patches/1/")"
'

test_expect_success 'git-pw patch update --state --archived --commit-ref' '
	if ! command -v git-pw >/dev/null 2>&1; then exit 0; fi
	git init -q repo && cd repo &&
	git config pw.server "$base/api/1.1" && git config pw.project test &&
	git config pw.token "$token" &&
	git pw patch update --state changes-requested --archived no \
		--commit-ref 0123456789abcdef 1 >out 2>err &&
	cd .. && get "$base/api/patches/1/" &&
	expect_eq "changes-requested False 0123456789abcdef" \
		"$(json "j[\"state\"] + \" \" + str(j[\"archived\"]) + \" \" + j[\"commit_ref\"]")"
'

test_done
