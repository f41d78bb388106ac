#!/bin/sh
# Converts an mbox into a public-inbox v2 style archive with git plumbing
# only (git init --bare, hash-object, mktree, commit-tree): one commit per
# mail, whose tree holds the mail as blob "m", on refs/heads/master. The
# mbox is split as Python's mailbox.mbox (and darn's mbox reader) splits
# it, so reading the result gives the same mails, byte for byte, as
# reading the mbox: a "From " line starts a mail and is not part of it,
# the blank line before the next "From " line (or at the end) is dropped,
# ">From " stays as it is, lines before the first "From " are no mail.
#
# usage: make-pinbox.sh [-n PER_EPOCH] [-d N]... MBOX OUT
#   OUT (must not exist) becomes one bare epoch repository, or with -n a
#   v2 top directory, OUT/git/0.git, 1.git, ..., with at most PER_EPOCH
#   mails per epoch.
#   -d N  after mail N (counted from 1), add a commit deleting it (a tree
#         holding only "d", as public-inbox writes for a removed mail).
# Commit ids are reproducible: identities and dates are fixed.

set -eu

usage() {
	echo "usage: make-pinbox.sh [-n PER_EPOCH] [-d N]... MBOX OUT" >&2
	exit 2
}

per_epoch=0
deletions=" "
while getopts n:d: opt; do
	case $opt in
	n) per_epoch=$OPTARG ;;
	d) deletions="$deletions$OPTARG " ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || usage
mbox=$1
out=$2
case $per_epoch in
'' | *[!0-9]*) usage ;;
esac

if [ ! -f "$mbox" ]; then
	echo "make-pinbox: cannot read mbox '$mbox'" >&2
	exit 1
fi
if [ -e "$out" ]; then
	echo "make-pinbox: '$out' already exists" >&2
	exit 1
fi

# No user or system configuration may change what gets written.
GIT_CONFIG_NOSYSTEM=1
GIT_CONFIG_GLOBAL=/dev/null
GIT_AUTHOR_NAME=make-pinbox
GIT_AUTHOR_EMAIL=make-pinbox@darn.invalid
GIT_COMMITTER_NAME=make-pinbox
GIT_COMMITTER_EMAIL=make-pinbox@darn.invalid
export GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
	GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES 2>/dev/null || true

tmp=$(mktemp -d "${TMPDIR:-/tmp}/make-pinbox.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# The first bytes of a file, as hex (od survives nul bytes; $(...) not).
hex_head() {
	head -c "$1" "$2" | od -An -tx1 | tr -d ' \n'
}
hex_tail() {
	tail -c "$1" "$2" | od -An -tx1 | tr -d ' \n'
}

epoch=        # git dir being written
epoch_no=-1
parent=       # last commit of the epoch
stamp=1000000000
mails=0

finish_epoch() {
	if [ -n "$epoch" ] && [ -n "$parent" ]; then
		git --git-dir="$epoch" update-ref refs/heads/master "$parent"
	fi
}

new_epoch() {
	finish_epoch
	epoch_no=$((epoch_no + 1))
	if [ "$per_epoch" -gt 0 ]; then
		epoch=$out/git/$epoch_no.git
	else
		epoch=$out
	fi
	git init -q --bare "$epoch"
	git --git-dir="$epoch" symbolic-ref HEAD refs/heads/master
	parent=
}

# commit NAME BLOB MESSAGE: a commit whose tree holds BLOB as NAME.
commit() {
	tree=$(printf '100644 blob %s\t%s\n' "$2" "$1" |
		git --git-dir="$epoch" mktree)
	stamp=$((stamp + 1))
	GIT_AUTHOR_DATE="@$stamp +0000"
	GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
	if [ -n "$parent" ]; then
		parent=$(git --git-dir="$epoch" commit-tree "$tree" \
			-p "$parent" -m "$3")
	else
		parent=$(git --git-dir="$epoch" commit-tree "$tree" -m "$3")
	fi
}

# csplit copies bytes exactly (nul bytes, a last line without newline);
# every piece but possibly the first (the junk before the first "From "
# line) starts with a "From " line.
LC_ALL=C csplit -s -z -n 8 -f "$tmp/piece." "$mbox" '/^From /' '{*}'

if [ "$per_epoch" -eq 0 ]; then
	new_epoch
else
	mkdir -p "$out/git"
fi

for piece in "$tmp"/piece.*; do
	[ -f "$piece" ] || continue # no piece at all: the glob itself
	[ "$(hex_head 5 "$piece")" = 46726f6d20 ] || continue

	mails=$((mails + 1))
	if [ "$per_epoch" -gt 0 ] &&
		[ $(((mails - 1) % per_epoch)) -eq 0 ]; then
		new_epoch
	fi

	# drop the "From " line, then a last line that is exactly "\n"
	body=$tmp/body
	tail -n +2 "$piece" >"$body"
	size=$(wc -c <"$body")
	if [ "$size" -eq 1 ] && [ "$(hex_tail 1 "$body")" = 0a ]; then
		: >"$body"
	elif [ "$size" -ge 2 ] && [ "$(hex_tail 2 "$body")" = 0a0a ]; then
		truncate -s -1 "$body"
	fi

	blob=$(git --git-dir="$epoch" hash-object -w --no-filters -- "$body")
	commit m "$blob" "mail $mails"
	case $deletions in
	*" $mails "*) commit d "$blob" "delete mail $mails" ;;
	esac
	rm -f "$piece"
done
finish_epoch

if [ -z "$epoch" ]; then
	# no mail at all: still an inbox, with an empty first epoch
	new_epoch
fi
echo "make-pinbox: $mails mails into '$out'" >&2
