#!/bin/sh
# Mutated mails (byte flips, truncation, duplicated parts, deep nesting,
# header and reference floods, boundary games, recoding, splices) made
# from darn's own sample mails by tests/tools/mutate-mails.py with a fixed
# seed, each through the sanitizer build of parsemail into one database:
# no crash, exit 0, 65 or 75, bounded memory, integrity_check ok. The
# same run over 2,000 mutations of real mails is bench/mutated-mails.sh.
. "$(dirname "$0")/lib.sh"

# ASan's quarantine would hide darn's own peak (see t0045).
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=8:thread_local_quarantine_size_kb=256"

setup_project

test_expect_success '60 mutated sample mails: no crash, bounded, database intact' '
	python3 "$TOP/tests/tools/mutate-mails.py" generate --seed 46 \
		--count 60 --out mutated "$TOP/sample/sample.mbox" \
		"$TOP/sample/mail.eml" &&
	python3 "$TOP/tests/tools/mutate-mails.py" run --darn "$DARN" \
		--db "$DARN_DATABASE" --timeout 60 --max-rss-mb 512 \
		mutated >summary &&
	cat summary &&
	grep -q "^integrity_check: ok$" summary &&
	grep -q "^mails: 60 " summary
'

test_done
