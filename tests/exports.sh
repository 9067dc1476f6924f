#!/bin/sh
# The shared library exports exactly the header's functions: the functions
# decrec.h declares (as the compiler sees them), those it marks DR_EXPORT,
# and the dynamic symbols libdecrec.so defines must be the same three lists.
# With MANPAGE, each of them must be named there too.
# Usage: tests/exports.sh CC HEADER LIBSO WORKDIR [MANPAGE]
set -e
cc=$1 header=$2 so=$3 dir=$4 man=${5:-}
mkdir -p "$dir"
# -aux-info writes a prototype per declared function: "/* FILE:LINE:NC */
# extern int dr_x (int);". Only the header's own are kept.
$cc -std=c11 -fsyntax-only -aux-info "$dir/aux.txt" -x c "$header"
grep -F "/* $header:" "$dir/aux.txt" | sed 's/ (.*//; s/.*[ *]//' | sort >"$dir/declared"
# The name just before the first "(" of each DR_EXPORT declaration.
grep '^DR_EXPORT ' "$header" | sed 's/(.*//; s/.*[ *]//' | sort >"$dir/marked"
nm -D --defined-only "$so" | awk '$2 == "T" || $2 == "W" || $2 == "D" || $2 == "B" || $2 == "R" { print $3 }' |
	sort >"$dir/exported"
st=0
if [ ! -s "$dir/declared" ]; then
	echo "exports: no function found in $header" >&2
	exit 1
fi
if ! diff -u "$dir/declared" "$dir/marked" >"$dir/diff1"; then
	echo "exports: functions of $header without DR_EXPORT (-) or marked but not declared (+):" >&2
	cat "$dir/diff1" >&2
	st=1
fi
if ! diff -u "$dir/declared" "$dir/exported" >"$dir/diff2"; then
	echo "exports: $so leaks symbols the header does not declare (+) or misses some it does (-):" >&2
	cat "$dir/diff2" >&2
	st=1
fi
if [ -n "$man" ]; then
	for f in $(cat "$dir/declared"); do
		grep -q "\\fB$f\\fR\|^\.BI\? \"[^\"]*[ *]$f(" "$man" ||
			{ echo "exports: $f is not in $man" >&2; st=1; }
	done
fi
[ $st = 0 ] && echo "exports: $(wc -l <"$dir/exported") functions, exactly those of $header"
exit $st
