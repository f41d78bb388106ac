#!/bin/sh
# parsearchive on a full disk: its summary and its outcome lines count
# only what was committed, the database stays intact, and a re-run once
# there is room completes the import exactly as an uninterrupted run.
# Needs a small tmpfs, so root; skipped otherwise.
. "$(dirname "$0")/lib.sh"
skip_unless_sqlite "fills the disk under a SQLite file (a small tmpfs)"

if [ "$(id -u)" -ne 0 ] || ! mkdir small ||
	! mount -t tmpfs -o size=2m tmpfs small 2>/dev/null; then
	echo "1..0 # SKIP needs root to mount a small tmpfs"
	exit 0
fi
trap 'umount "$TMP/small"; rm -rf "$TMP"' EXIT

python3 "$TOP/tests/tools/make-thread-mbox.py" 300 3 > threads.mbox

# field NAME FILE: the number before NAME in a summary ("  12 patches").
field() {
	sed -n "s/^ *\([0-9]*\) $1\$/\1/p" "$2"
}
# shown NAME: the count `darn project show` prints for NAME.
shown() {
	darn project show test | sed -n "s/^$1: //p"
}

test_expect_success 'an uninterrupted run on a disk with room' '
	setup_project &&
	darn parsearchive threads.mbox > /dev/null &&
	darn project show test | grep -v "^id:" > expected
'

test_expect_success 'the disk fills up: a clear error, not a success' '
	DARN_DATABASE=$TMP/small/darn.db &&
	export DARN_DATABASE &&
	setup_project &&
	! darn parsearchive --outcomes outcomes threads.mbox > summary 2> err &&
	cat summary err &&
	grep "disk is full" err
'

test_expect_success 'the summary counts what the database holds' '
	DARN_DATABASE=$TMP/small/darn.db &&
	export DARN_DATABASE &&
	expect_eq "$(shown patches)" "$(field patches summary)" patches &&
	expect_eq "$(shown cover_letters)" "$(field "cover letters" summary)" \
		covers &&
	expect_eq $(( $(shown patch_comments) + $(shown cover_comments) )) \
		"$(field comments summary)" comments &&
	total=$(sed -n "s/^Total: \([0-9]*\) new entries$/\1/p" summary) &&
	stored=$(( $(shown patches) + $(shown cover_letters) +
		$(shown patch_comments) + $(shown cover_comments) )) &&
	expect_eq "$stored" "$total" "new entries" &&
	test "$stored" -gt 0 &&
	processed=$(sed -n "s/^Processed \([0-9]*\) messages.*/\1/p" summary) &&
	expect_eq $((processed + 1)) "$(wc -l < outcomes)" "outcome lines" &&
	expect_eq ok "$(sql "PRAGMA integrity_check")"
'

test_expect_success 'once there is room, a re-run completes the import' '
	DARN_DATABASE=$TMP/small/darn.db &&
	export DARN_DATABASE &&
	mount -o remount,size=64m "$TMP/small" &&
	darn parsearchive threads.mbox > summary 2> err &&
	grep "resuming" err &&
	darn project show test | grep -v "^id:" > actual &&
	diff expected actual &&
	expect_eq ok "$(sql "PRAGMA integrity_check")"
'

test_done
