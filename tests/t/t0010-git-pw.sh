#!/bin/sh
# git-pw, Patchwork's command-line client (Debian package git-pw), against
# a darn server started by the test: it lists, shows and downloads
# patches and series, and applies a series to a git repository.
. "$(dirname "$0")/lib.sh"

if ! command -v git-pw >/dev/null 2>&1; then
	echo "1..0 # SKIP git-pw is not installed (scripts/install-deps installs it)"
	exit 0
fi

setup_project

# deliver DATE FROM SUBJECT MSGID [EXTRA-HEADERS] < body
deliver() {
	mail "$2" "$3" "$4" "${5:-}" |
		sed "s/^Date: .*/Date: $1/" >m.eml &&
	darn parsemail <m.eml
}

test_expect_success 'setup: a two-patch series, a maintainer with a password' '
	echo "Two widgets." |
	deliver "Mon, 02 Mar 2026 10:00:00 +0000" "Ann <ann@example.com>" \
		"[PATCH 0/2] Add widgets" "<c0@example.com>" &&
	{ printf "Add widget a.\n\nSigned-off-by: Ann <ann@example.com>\n";
	  diff_for src/a.c "widget a"; } |
	deliver "Mon, 02 Mar 2026 10:01:00 +0000" "Ann <ann@example.com>" \
		"[PATCH 1/2] widget: add a" "<p1@example.com>" \
		"In-Reply-To: <c0@example.com>" &&
	{ printf "Add widget b.\n\nSigned-off-by: Ann <ann@example.com>\n";
	  diff_for src/b.c "widget b"; } |
	deliver "Mon, 02 Mar 2026 10:02:00 +0000" "Ann <ann@example.com>" \
		"[PATCH 2/2] widget: add b" "<p2@example.com>" \
		"In-Reply-To: <c0@example.com>" &&
	echo "s3cret-pass" | darn user add maint --email maint@example.com \
		--password-stdin >/dev/null &&
	expect_eq 2 "$(sql "SELECT COUNT(*) FROM patch WHERE series_id = 1")"
'

start_server

test_expect_success 'setup: a git repository configured for git-pw' '
	git init -q repo &&
	cd repo &&
	git config user.name Tester && git config user.email t@example.com &&
	mkdir src && echo line >src/a.c && echo line >src/b.c &&
	git add src && git commit -q -m base &&
	git config pw.server "$base/api/1.1" &&
	git config pw.project test &&
	git config pw.username maint &&
	git config pw.password s3cret-pass
'

cd repo || exit 1

test_expect_success 'git pw patch list' '
	git pw patch list >out 2>err &&
	grep -q "widget: add a" out && grep -q "widget: add b" out
'

test_expect_success 'git pw patch show' '
	git pw patch show 1 >out 2>err &&
	grep -q "p1@example.com" out && grep -q "widget: add a" out &&
	grep -q "new" out
'

test_expect_success 'git pw patch download writes the mbox' '
	git pw patch download 2 >out 2>err &&
	file=$(sed -n "s/^Downloaded patch to //p" out err) &&
	test -s "$file" &&
	expect_eq "2-2-widget-add-b.patch" "$(basename "$file")" &&
	grep -q "^Subject: \[PATCH 2/2\] widget: add b" "$file" &&
	grep -q "^+widget b" "$file" &&
	git pw patch download 1 one.mbox &&
	grep -q "^+widget a" one.mbox
'

test_expect_success 'git pw series list and show' '
	git pw series list >out 2>err &&
	grep -q "Add widgets" out &&
	git pw series show 1 >out 2>err &&
	grep -q "Add widgets" out && grep -q "widget: add a" out &&
	grep -q "widget: add b" out
'

test_expect_success 'git pw series apply: the commits land in the repository' '
	git pw series apply 1 >out 2>err &&
	expect_eq 3 "$(git rev-list --count HEAD)" &&
	expect_eq "widget: add b" "$(git log -1 --format=%s)" &&
	expect_eq "widget: add a" "$(git log -1 --skip=1 --format=%s)" &&
	expect_eq "Ann" "$(git log -1 --format=%an)" &&
	grep -q "widget a" src/a.c && grep -q "widget b" src/b.c
'

test_expect_success 'wrong credentials are refused, as Patchwork does' '
	git config pw.password wrong &&
	! git pw patch list >out 2>&1 &&
	git config pw.password s3cret-pass
'

test_done
