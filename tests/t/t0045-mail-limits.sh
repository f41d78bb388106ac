#!/bin/sh
# One mail must not take the host down (issue 7, item 2). Hostile mails,
# generated here by tests/tools/hostile-mail.py, go through the real
# parsemail and a multi-threaded parsearchive; each run must end within a
# wall-clock bound and a peak-memory bound (tests/tools/measure.py), and
# a mail over an [ingest] limit is rejected with exit 65 and the key's
# name. Before the limits, the MIME-part mail took 2.6 GB and 26 s, the
# References mail 26 s, nested message/partial parts 2 GB.
. "$(dirname "$0")/lib.sh"

# ASan keeps up to 256 MB of freed memory in quarantine, which would
# hide what darn itself holds: keep it small so peak RSS is darn's.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=8:thread_local_quarantine_size_kb=256"

gen() {
	python3 "$TOP/tests/tools/hostile-mail.py" "$@"
}

# measure_darn INPUT ARGS...: darn ARGS... < INPUT, killed past 120 s or
# 2 GB (so a regression fails instead of taking the machine down);
# leaves the exit code, seconds and peak MB in $exit $secs $rss, the
# output in ./out and ./err.
measure_darn() {
	input=$1
	shift
	python3 "$TOP/tests/tools/measure.py" --timeout 120 --max-rss-mb 2048 \
		--stdin "$input" report -- "$DARN" "$@" >out 2>err
	read -r line <report
	set -- $line
	exit=${1#exit=} secs=${2#seconds=} rss=${3#rss_mb=}
	echo "$exit after ${secs}s, peak ${rss} MB"
	cat err
}

# within SECONDS MB: the last run took at most SECONDS and MB.
within() {
	if [ "$(echo "$secs > $1" | bc)" = 1 ]; then
		echo "took ${secs}s, bound ${1}s"
		return 1
	fi
	if [ "$(echo "$rss > $2" | bc)" = 1 ]; then
		echo "peak ${rss} MB, bound ${2} MB"
		return 1
	fi
}

# The memory bound of a mail of FILE: what a small mail costs, plus
# 32 MB, plus 8 times the mail (its copies: raw, universal newlines,
# GMime's, decoded text, stored forms). Whatever the limits allow on
# top is the caller's to add.
mb_for() {
	echo "$base + 32 + 8 * $(stat -c %s "$1") / 1048576" | bc
}

# rejected FILE MESSAGE: parsemail rejects the mail with exit 65 and a
# message holding MESSAGE, within $T and the mail's memory bound.
rejected() {
	measure_darn "$1" parsemail &&
	expect_eq 65 "$exit" "exit" &&
	grep -qF -- "$2" err &&
	within $T "$(mb_for "$1")"
}

# read_whole FILE: parsemail reads the mail (exit 0) within the bounds.
read_whole() {
	measure_darn "$1" parsemail &&
	expect_eq 0 "$exit" "exit" &&
	within $T "$(mb_for "$1")"
}

# scales_linearly SHAPE SMALL BIG: a mail of the shape at size
# BIG takes at most 40 times (plus 1 s) what size SMALL took, BIG being
# 10 times SMALL: linear code takes about 10 times, quadratic code 100
# (the bound holds for the sanitizer and the optimised build alike).
scales_linearly() {
	shape=$1 small=$2 big=$3
	gen $shape $small >m &&
	python3 "$TOP/tests/tools/measure.py" --stdin m report -- \
		"$DARN" parsemail >/dev/null 2>&1 &&
	read -r line <report && set -- $line &&
	small_secs=${2#seconds=} &&
	gen $shape $big >m &&
	measure_darn m parsemail &&
	within "40 * $small_secs + 1" $(mb_for m)
}

# Time bound: generous for ASan on a loaded 2-core machine; the runs
# take 0.1-3 s there (well under 1 s optimised).
T=30

setup_project
printf 'From: a@example.com\nSubject: x\nMessage-Id: <s@x>\n\nhello\n' >small
measure_darn small parsemail --list-id test.darn.example >/dev/null
base=$rss

test_expect_success 'the issue mail: 2,000,000 empty MIME parts, rejected' '
	gen mime-parts 2000000 >m &&
	rejected m "darn: mail rejected: more than 10000 MIME parts (ingest.max_mime_parts)"
'

test_expect_success 'a raised ingest.max_mime_parts still bounds the work' '
	DARN_INGEST_MAX_MIME_PARTS=100000 measure_darn m parsemail &&
	expect_eq 65 "$exit" "exit" &&
	grep -q "more than 100000 MIME parts" err &&
	within $T "$(mb_for m) + 100000 * 2 / 1024"
'

test_expect_success 'parts declared inside parts count too' '
	gen mime-parts-nested 200000 >m &&
	rejected m "more than 10000 MIME parts"
'

test_expect_success 'exactly ingest.max_mime_parts parts are read, one more is not' '
	gen mime-parts 50 >m50 && gen mime-parts 51 >m51 &&
	DARN_INGEST_MAX_MIME_PARTS=50 darn parsemail <m50 &&
	DARN_INGEST_MAX_MIME_PARTS=50 expect_exit 65 darn parsemail <m51 2>err &&
	grep -q "more than 50 MIME parts" err
'

test_expect_success 'multiparts nested 1000 deep: rejected' '
	gen mime-depth 1000 >m &&
	rejected m "MIME parts nested more than 32 deep (ingest.max_mime_depth)"
'

test_expect_success 'nesting within ingest.max_mime_depth is read' '
	gen mime-depth 10 >m &&
	darn parsemail <m &&
	DARN_INGEST_MAX_MIME_DEPTH=5 expect_exit 65 darn parsemail <m
'

test_expect_success 'nested message/partial parts: memory does not grow with depth' '
	gen message-depth 60 >m &&
	DARN_INGEST_MAX_MIME_DEPTH=200 read_whole m
'

test_expect_success 'References of 100,000 ids: linear (it took 26 s)' '
	export DARN_INGEST_MAX_HEADER_BYTES=16777216 &&
	scales_linearly references 10000 100000 &&
	expect_eq 0 "$exit" "exit" &&
	within 60 $(mb_for m)
'

test_expect_success 'References as large as ingest.max_header_bytes allows' '
	gen references 40000 >m &&
	read_whole m
'

test_expect_success 'a list id header of 2,000,000 "<": linear (it took 27 s)' '
	export DARN_INGEST_MAX_HEADER_BYTES=16777216 &&
	scales_linearly list-id-brackets 200000 2000000 &&
	expect_eq 0 "$exit" "exit" &&
	within $T $(mb_for m)
'

test_expect_success 'more header fields than ingest.max_header_count: rejected' '
	gen header-count 20000 >m &&
	rejected m "more than 10000 header fields (ingest.max_header_count)"
'

test_expect_success 'header fields of a MIME part count too (GMime reads them)' '
	gen part-headers 20000 >m &&
	rejected m "more than 10000 header fields" &&
	gen part-headers 5000 >m &&
	darn parsemail <m
'

test_expect_success 'a header block over ingest.max_header_bytes: rejected' '
	gen long-header 2000000 >m &&
	rejected m "a header block larger than 1048576 bytes (ingest.max_header_bytes)"
'

# Large but legitimate shapes: read whole, within the same bounds.
for shape in "in-reply-to 5000" "cc-addresses 15000" \
	"subject-prefixes 50000" "encoded-words 30000" "body-lines 1000000" \
	"long-body-line 10000000" "diff-files 100000" "diff-hunk 1000000" \
	"tags 100000"; do
	test_expect_success "within the limits: $shape" '
		gen $shape >m &&
		read_whole m
	'
done

test_expect_success 'a multipart patch with 100,000 lines starting "--" is a patch' '
	gen dash-lines 100000 >m &&
	read_whole m &&
	expect_eq 1 "$(sql "SELECT COUNT(*) FROM patch WHERE msgid = '\''<hostile-dash-lines@example.com>'\''")"
'

# mbox: each mail after a From line (the hostile bodies have none).
add_to_mbox() {
	printf 'From hostile@example.com Mon Mar  2 10:00:00 2026\n' &&
	cat "$1" && printf '\n'
}

test_expect_success 'parsearchive with 4 threads: bounded, the rest stored' '
	setup_project &&
	: >archive &&
	for shape in "mime-parts 2000000" "mime-parts-nested 200000" \
		"header-count 20000" "part-headers 20000" "mime-depth 1000" \
		"list-id-brackets 1000000" "dash-lines 100000" \
		"references 40000" "diff-files 20000"; do
		gen $shape >m && add_to_mbox m >>archive || return 1
	done &&
	diff_for src/ok.c | mail "Ann <ann@example.com>" "[PATCH] ok" \
		"<ok@example.com>" >ok && add_to_mbox ok >>archive &&
	python3 "$TOP/tests/tools/measure.py" --timeout 120 --max-rss-mb 2048 \
		report -- "$DARN" parsearchive --threads 4 --outcomes outcomes \
		archive >out 2>err &&
	cat report out &&
	read -r line <report && set -- $line &&
	exit=${1#exit=} secs=${2#seconds=} rss=${3#rss_mb=} &&
	expect_eq 0 "$exit" "exit" &&
	grep -q "^Processed 10 messages" out &&
	grep -q "^ *5 errors" out &&
	expect_eq 5 "$(grep -c "(ingest.max_" outcomes)" "limit outcomes" &&
	expect_eq 4 "$(sql "SELECT COUNT(*) FROM patch")" "patches" &&
	within 60 "$(mb_for archive) + 4 * 32"
'

test_expect_success 'darn config --defaults lists the limits' '
	darn config --defaults >defaults &&
	grep -q "^#max_mime_parts = 10000$" defaults &&
	grep -q "^#max_mime_depth = 32$" defaults &&
	grep -q "^#max_header_count = 10000$" defaults &&
	grep -q "^#max_header_bytes = 1048576$" defaults
'

test_done
