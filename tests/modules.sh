#!/bin/sh
# The module graph, read from the object files' symbols (docs/internals.md):
# module A uses module B when A.o leaves undefined a symbol that B.o defines.
# Fails on any cycle (and prints it) and on any edge from a low-level module
# to a module that is not low-level. Usage: sh tests/modules.sh [build-dir]
set -eu
BUILD=${1:-build}

# The low-level modules: they know nothing of records, findings or configs.
# Keep in step with the module map of docs/internals.md.
LOW="arena buf calendar date escape holidays md mustache path read spill str text url utf8 value wml zipfile"

# The objects of the sources there are now (a renamed file leaves a stale
# object behind), and the built-in templates, generated into the library.
# Edges known to close a cycle, each awaiting its fix ("a>b" for a uses b).
# The check fails when one of them is no longer there, so the list only
# shrinks. None today.
KNOWN=""

for c in src/*.c src/cli/*.c templates; do
	case $c in
	src/cli/*) m=cli/${c#src/cli/} o=$BUILD/cli/${c#src/cli/} ;;
	src/*) m=${c#src/} o=$BUILD/lib/${c#src/} ;;
	*) m=$c o=$BUILD/lib/$c.c ;;
	esac
	m=${m%.c}
	o=${o%.c}.o
	[ -e "$o" ] || { echo "modules: $o is missing (build first)" >&2; exit 1; }
	nm "$o" | awk -v m="$m" '
		NF == 2 && $1 == "U" { print "U", m, $2 }
		NF == 3 && $2 ~ /^[A-TV-Z]$/ { print "D", m, $3 }'
done | awk -v low="$LOW" -v known="$KNOWN" '
	$1 == "D" {
		if (($3 in def) && def[$3] != $2) {
			printf "modules: %s is defined by both %s and %s\n", $3, def[$3], $2
			bad = 1
		}
		def[$3] = $2
		mod[$2] = 1
		next
	}
	{ use[++nuse] = $2 " " $3 }
	function visit(m,    i, t, k, path) {
		state[m] = 1
		stack[++depth] = m
		for (i = 1; i <= nout[m]; i++) {
			t = out[m, i]
			if (state[t] == 1) {
				path = t
				for (k = depth; k >= 1 && stack[k] != t; k--)
					;
				for (k++; k <= depth; k++)
					path = path " -> " stack[k]
				printf "modules: cycle: %s -> %s\n", path, t
				bad = 1
			} else if (!state[t]) {
				visit(t)
			}
		}
		depth--
		state[m] = 2
	}
	END {
		nk = split(known, k, " ")
		for (i = 1; i <= nk; i++) {
			split(k[i], f, ">")
			skip[f[1], f[2]] = k[i]
		}
		for (i = 1; i <= nuse; i++) {
			split(use[i], f, " ")
			if (!(f[2] in def) || def[f[2]] == f[1] || ((f[1], def[f[2]]) in edge))
				continue
			if ((f[1], def[f[2]]) in skip) {
				seen[f[1], def[f[2]]] = 1
				continue
			}
			edge[f[1], def[f[2]]] = f[2]
			out[f[1], ++nout[f[1]]] = def[f[2]]
		}
		for (e in skip) {
			if (e in seen) {
				split(skip[e], f, ">")
				printf "modules: known cycle edge %s -> %s, left for its own change\n", f[1], f[2]
			} else {
				printf "modules: %s is gone: remove it from KNOWN in tests/modules.sh\n", skip[e]
				bad = 1
			}
		}
		n = split(low, l, " ")
		for (i = 1; i <= n; i++) {
			islow[l[i]] = 1
			if (!(l[i] in mod)) {
				printf "modules: low-level module %s has no object file\n", l[i]
				bad = 1
			}
		}
		for (e in edge) {
			split(e, f, SUBSEP)
			if ((f[1] in islow) && !(f[2] in islow)) {
				printf "modules: low-level %s uses %s (%s)\n", f[1], f[2], edge[e]
				bad = 1
			}
		}
		for (m in mod)
			if (!state[m])
				visit(m)
		nm = 0
		for (m in mod)
			nm++
		if (bad)
			exit 1
		printf "modules: %d modules, no cycle, low-level modules use only low-level ones\n", nm
	}'
