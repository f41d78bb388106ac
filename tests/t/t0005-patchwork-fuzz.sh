#!/bin/sh
# Patchwork's own fuzz mails (shared/corpus/patchwork-tests/fuzz) through
# the sanitizer build of parsemail and parsearchive: each must end with a
# defined exit code and no sanitizer report. Skipped without ../shared.
. "$(dirname "$0")/lib.sh"

fuzz=${DARN_SHARED:-$TOP/../shared}/corpus/patchwork-tests/fuzz
if [ ! -d "$fuzz" ]; then
	echo "1..0 # SKIP shared corpus absent"
	exit 0
fi

setup_project
for f in "$fuzz"/*.mbox; do
	name=$(basename "$f")
	test_expect_success "parsemail $name" '
		"$DARN" parsemail --list-id test.darn.example "$f" 2>err
		rc=$?
		cat err
		case $rc in 0|65) ;; *) echo "exit $rc"; false ;; esac &&
		! grep -q "Sanitizer" err
	'
	test_expect_success "parsearchive $name" '
		"$DARN" parsearchive --list-id test.darn.example "$f" >out 2>err &&
		grep -q "^Processed" out &&
		! grep -q "Sanitizer" err
	'
done

test_done
