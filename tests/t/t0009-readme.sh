#!/bin/sh
# The "Using darn" block of README.md, run as it stands (with this
# build's darn for ./darn), from a copy of the repository's sample
# directory: the commands the README shows must work.
. "$(dirname "$0")/lib.sh"

unset DARN_DATABASE
mkdir -p sample && cp "$TOP/sample/sample.mbox" "$TOP/sample/mail.eml" sample/
ln -s "$DARN" darn
sed -n '/^## Using darn/,/^```$/p' "$TOP/README.md" |
	sed -n '/^```sh$/,/^```$/p' | sed '1d;$d' >block.sh

test_expect_success 'the block has the commands the README promises' '
	grep -q "^./darn init" block.sh &&
	grep -q "^./darn parsemail" block.sh &&
	grep -q "^./darn serve" block.sh
'

# Everything but serve in order (serve runs in the background below).
grep -v "^./darn serve" block.sh >run.sh

test_expect_success 'the commands run in order on a fresh directory' '
	sh -e run.sh >out 2>err &&
	expect_eq 4 "$(sqlite3 darn.db "SELECT COUNT(*) FROM patch")" &&
	expect_eq 2 "$(sqlite3 darn.db "SELECT COUNT(*) FROM patch_comment")" &&
	grep -q "^[0-9a-f]\{40\}$" out
'

port=$((20000 + $$ % 20000))
test_expect_success 'serve, as the README starts it, answers /api/' '
	cmd=$(grep "^./darn serve" block.sh | sed "s/#.*//; s/127.0.0.1:8000/127.0.0.1:$port/") &&
	$cmd 2>serve.log &
	pid=$!
	for i in $(seq 50); do
		curl -s -o /dev/null "http://127.0.0.1:$port/api/" && break
		sleep 0.1
	done
	curl -s "http://127.0.0.1:$port/api/patches/" >body
	kill -TERM $pid && wait $pid &&
	expect_eq 4 "$(json "len(j)")"
'

test_done
