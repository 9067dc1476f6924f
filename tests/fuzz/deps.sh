#!/bin/sh
# Installs what `make fuzz` builds with when it is missing: clang and its
# sanitizer and libFuzzer runtimes (Debian 12: clang 14, libclang-rt-14-dev),
# with apt-get as root or with sudo. Usage: deps.sh [CC] (default clang).
set -e
cc=${1:-clang}

# Links a do-nothing fuzz target: the only proof that the runtimes are there.
probe() {
	dir=$(mktemp -d) || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
		>"$dir/probe.c"
	ok=0
	"$cc" -fsanitize=fuzzer,address,undefined "$dir/probe.c" -o "$dir/probe" >/dev/null 2>&1 || ok=1
	rm -rf "$dir"
	return $ok
}

command -v "$cc" >/dev/null 2>&1 && probe && exit 0

pkgs="clang libclang-rt-14-dev"
echo "decrec: $cc cannot build a libFuzzer target; installing $pkgs" >&2
if ! command -v apt-get >/dev/null 2>&1; then
	echo "decrec: no apt-get here: install clang with its compiler-rt (libFuzzer, ASan, UBSan) runtimes, or set FUZZ_CC" >&2
	exit 1
fi
sudo=
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
		echo "decrec: run as root: apt-get update && apt-get install -y $pkgs" >&2
		exit 1
	fi
fi
# shellcheck disable=SC2086 # two package names
if ! $sudo apt-get update -qq || ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $pkgs >/dev/null; then
	echo "decrec: apt-get could not install $pkgs" >&2
	exit 1
fi
if ! command -v "$cc" >/dev/null 2>&1 || ! probe; then
	echo "decrec: $pkgs installed, yet $cc still cannot link -fsanitize=fuzzer" >&2
	exit 1
fi
