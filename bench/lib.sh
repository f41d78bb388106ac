# What the bench scripts share, sourced after `set -eu`: $top (the
# clone), $darn (the binary measured: $DARN or ./darn), $work (scratch:
# $DARN_WORK or build/bench) and $mbox, the linux-cifs archive of
# ../shared (or $DARN_SHARED) decompressed there once; exits when the
# archive is absent.
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${DARN_SHARED:-$top/../shared}
darn=${DARN:-$top/darn}
work=${DARN_WORK:-$top/build/bench}
mkdir -p "$work"

archive=$shared/corpus/linux-cifs.mbox.xz
[ -f "$archive" ] || { echo "bench: $archive absent"; exit 1; }
mbox=$work/linux-cifs.mbox
[ -s "$mbox" ] || xz -dc "$archive" >"$mbox"
