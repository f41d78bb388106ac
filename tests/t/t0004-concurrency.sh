#!/bin/sh
# Concurrent delivery: 8 parsemail processes deliver a shuffled 20-patch
# series and its cover; the result is one complete series, as a serial
# delivery gives. Then a held write lock makes parsemail exit 75 with
# nothing stored, and a retry stores the mail once.
. "$(dirname "$0")/lib.sh"

setup_project

test_expect_success 'write a 20-patch series with a cover letter' '
	write_series mails 20 "Ann <ann@example.com>" "twenty things" &&
	test $(ls mails | wc -l) = 21
'

test_expect_success '8 parallel parsemail processes make exactly one series' '
	ls mails | shuf >order &&
	xargs -P 8 -I{} sh -c "\"$DARN\" parsemail mails/{} || echo fail {} >>failures" <order &&
	test ! -e failures &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM series")" series &&
	expect_eq 20 "$(sql "SELECT COUNT(*) FROM patch")" patches &&
	expect_eq 20 "$(sql "SELECT COUNT(DISTINCT number) FROM patch WHERE series_id = (SELECT id FROM series)")" &&
	expect_eq "1|twenty things|20" "$(sql "SELECT CASE WHEN cover_letter_id IS NOT NULL THEN 1 ELSE 0 END || '\''|'\'' || name || '\''|'\'' || total FROM series")"
'

test_expect_success 'a held write lock makes parsemail exit 75 and store nothing' '
	diff_for src/late.c | mail "Ann <ann@example.com>" "[PATCH] late" "<late@ex.com>" >late &&
	hold_write_lock 3 &&
	(DARN_DATABASE_BUSY_TIMEOUT_MS=200 "$DARN" parsemail late 2>err; test $? = 75) &&
	grep -q "retry later" err &&
	wait &&
	expect_eq 0 "$(sql "SELECT COUNT(*) FROM patch WHERE msgid = '\''<late@ex.com>'\''")" &&
	darn parsemail late &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch WHERE msgid = '\''<late@ex.com>'\''")"
'

test_done
