#!/bin/sh
# parsearchive killed with SIGKILL at three moments, then run again: the
# database must equal an uninterrupted run's, row by row through the API.
# The archive has replies before their parents: a run that read it twice
# would store them the second time (Patchwork drops them the first).
. "$(dirname "$0")/lib.sh"

python3 "$TOP/tests/tools/make-thread-mbox.py" 700 7 > threads.mbox
# Background runs call "$DARN" itself: $! of the darn() function would be
# a subshell, and killing it would leave darn running.

# wait_lines FILE N PID: until FILE has N lines or PID is gone.
wait_lines() {
	i=0
	while [ "$(wc -l < "$1" 2>/dev/null || echo 0)" -lt "$2" ] &&
		kill -0 "$3" 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

# dump DB FILE: the API's view of database DB. At the top level, not in
# a test: start_server sets the script's EXIT trap.
dump() {
	DARN_DATABASE=$(db_location $1) &&
	start_server --base-url http://darn.test &&
	python3 "$TOP/tests/tools/api-dump.py" "$base" http://darn.test > "$2"
	stop_server
	DARN_DATABASE=$(db_location darn)
}

test_expect_success 'an uninterrupted run' '
	setup_project &&
	darn parsearchive threads.mbox > summary &&
	grep "Processed 4900 messages" summary && grep " [1-9][0-9]* dropped" summary &&
	db_rename darn full
'
dump full full.jsonl
test_expect_success 'the API shows it' '
	test "$(wc -l < full.jsonl)" -gt 4000
'

# run_killed NAME FILE N: runs parsearchive (outcomes in NAME.tsv, stderr
# in NAME.err) and kills it with SIGKILL once FILE has N lines; fails if
# the run ended by itself.
run_killed() {
	"$DARN" parsearchive --outcomes $1.tsv threads.mbox >/dev/null 2>$1.err &
	pid=$!
	wait_lines "$2" "$3" $pid
	kill -9 $pid
	wait $pid
	expect_eq 137 $? "exit status of the killed run"
}

test_expect_success 'killed after its first commit' '
	setup_project &&
	run_killed run1 run1.tsv 2
'

test_expect_success 'killed again while checking what the first run read' '
	run_killed run2 run2.err 1 &&
	grep "resuming .*threads.mbox. after mail" run2.err
'

test_expect_success 'killed a third time after another commit' '
	run_killed run3 run3.tsv 2
'

test_expect_success 'the run that completes resumes' '
	darn parsearchive --outcomes run4.tsv threads.mbox > summary 2> err4 &&
	grep "resuming" err4 &&
	first=$(sed -n 2p run4.tsv | cut -f1) &&
	test "$first" -gt 0 &&
	integrity_ok
'
dump darn resumed.jsonl
# PostgreSQL does not give back the ids a rolled-back transaction drew
# from a sequence (the killed runs'), so there the ids and the URLs that
# carry them are compared by position only.
if [ "$BACKEND" = pg ]; then
	for f in full resumed; do
		sed -E 's/"id": [0-9]+/"id": N/g; s,/[0-9]+/,/N/,g; s/=[0-9]+"/=N"/g' $f.jsonl \
			> $f.tmp && mv $f.tmp $f.jsonl
	done
fi
test_expect_success 'its database equals the uninterrupted run'"'"'s' '
	cmp full.jsonl resumed.jsonl
'

test_expect_success 'a completed run leaves no resume point' '
	darn parsearchive threads.mbox > summary 2> err &&
	! grep resuming err &&
	grep "4900 duplicates\|Processed 4900" summary
'

test_expect_success 'a changed archive is read from its start' '
	setup_project &&
	head -c 200000 threads.mbox > part.mbox &&
	darn parsearchive part.mbox > /dev/null &&
	sql "INSERT INTO archive_progress VALUES (
		'\''$TMP/part.mbox'\'', 3, $(sql_zeroblob 32), 0)" &&
	darn parsearchive part.mbox > summary 2> err &&
	cat err &&
	grep "not the archive the interrupted run read" err &&
	! grep "Processed 0 " summary
'

test_done
