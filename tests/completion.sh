#!/bin/sh
# decrec completion, as make check runs it: the bash script loaded into a
# real bash and asked for completions at the places users press Tab, each
# answer compared with the exact list expected; the zsh and fish scripts
# parsed by their shells, fish's asked for completions too, and zsh's
# loaded through compinit. A missing shell is a failure, not a skip.
# Usage: sh tests/completion.sh DECREC
set -eu
DECREC=$(cd "$(dirname "${1:-build/decrec}")" && pwd)/$(basename "${1:-build/decrec}")
export DECREC LC_ALL=C
n=0

fail() {
	echo "completion: FAIL: $*" >&2
	exit 1
}

for sh in bash zsh fish; do
	command -v $sh >/dev/null 2>&1 || fail "$sh is missing: install it (make test-deps)"
done

# A directory of files to complete, one with a space in its name, and
# another for the scripts.
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
dir=$top/files sh=$top/sh
mkdir "$dir" "$sh" "$dir/records" "$dir/my templates"
# What the shells keep between sessions goes there too, not to $HOME.
export XDG_CONFIG_HOME=$top/config XDG_DATA_HOME=$top/data XDG_CACHE_HOME=$top/cache
: >"$dir/records.yaml"
: >"$dir/notes.txt"
: >"$dir/record.mustache"

# The bash completions of the words given, the last one at the cursor.
bash_complete() {
	(cd "$dir" && bash --norc --noprofile -c '
		source <("$DECREC" completion bash) || exit 1
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_decrec
		printf "%s\n" "${COMPREPLY[@]}"' bash "$@")
}

# expect_bash WHAT EXPECTED WORD...: EXPECTED is the completions, one a line,
# in byte order (bash sorts them for the menu; file names come unsorted).
expect_bash() {
	what=$1 want=$2
	shift 2
	got=$(bash_complete "$@") || fail "bash: $what: the completion function failed"
	got=$(printf '%s\n' "$got" | sort)
	[ "$got" = "$want" ] || fail "bash: $what ($*): expected
$want
got
$got"
	n=$((n + 1))
}

nl='
'
expect_bash "the command name" "--help${nl}--version${nl}completion${nl}dates${nl}fields${nl}fix${nl}labels${nl}new${nl}notice${nl}plan${nl}render${nl}rules${nl}schema${nl}settings${nl}site${nl}validate" decrec ''
expect_bash "a command's name begun" "schema${nl}settings${nl}site" decrec s
expect_bash "an option of validate" "--color${nl}--config" decrec validate --c
expect_bash "an option of render" "--template${nl}--templates${nl}--to${nl}--today" decrec render --t
expect_bash "the options of fix begun" "--dry-run" decrec fix --d
expect_bash "the options of new begun" "--decision-maker" decrec new --d
expect_bash "fix takes paths" "record.mustache${nl}records${nl}records.yaml" decrec fix rec
expect_bash "the options of schema" "--config${nl}--help${nl}--no-config${nl}--output${nl}-h${nl}-o" decrec schema -
expect_bash "the values of -f" "github${nl}json${nl}junit${nl}sarif${nl}text" decrec validate -f ''
expect_bash "the values of --format=, split at =" "json${nl}junit" decrec validate --format = j
expect_bash "the values of --format=, one word" "--format=json${nl}--format=junit" decrec validate --format=j
expect_bash "the values of dates -f" "json${nl}text" decrec dates -f ''
expect_bash "the values of render -t" "docx${nl}html${nl}md" decrec render -t ''
expect_bash "the values of --color" "always" decrec validate --color al
expect_bash "--template: names and files" "record${nl}record.mustache${nl}records${nl}records.yaml" decrec render --template rec
expect_bash "a file name where PATH goes" "record.mustache${nl}records${nl}records.yaml" decrec validate rec
expect_bash "every file name" "my templates${nl}notes.txt${nl}record.mustache${nl}records${nl}records.yaml" decrec validate -q ''
expect_bash "a file name after -o" "notes.txt" decrec schema -o no
expect_bash "directories only after --templates" "my templates${nl}records" decrec render --templates ''
expect_bash "nothing after an option taking a number" "" decrec validate -j ''
expect_bash "nothing after an option taking a date" "" decrec dates --published ''
expect_bash "nothing where a command takes no operand" "" decrec fields ''
expect_bash "the shells of completion" "bash${nl}fish${nl}zsh" decrec completion ''
echo "completion: bash: $n completions as expected"

# zsh: the script parses, and zsh completes from it, in an interactive zsh
# in a pseudo-terminal (zpty) where Tab runs completion and each match
# added is printed between two markers.
"$DECREC" completion zsh >"$sh/_decrec"
zsh -n "$sh/_decrec" || fail "zsh -n: the zsh script does not parse"
# compinit -D: no dump file (and no -d, which would turn dumping back on).
cat >"$sh/setup.zsh" <<'EOF'
PS1='' RPS1=''
autoload -Uz compinit && compinit -u -D
source "$ZSH_SCRIPT_DIR/_decrec"
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
__begin() { print -r -- $'\n<<BEGIN>>' }
__end() { print -r -- '<<END>>' }
compprefuncs=(__begin)
comppostfuncs=(__end exit)
compadd() {
	if [[ " $* " == *" -"[OAD]" "* ]]; then
		builtin compadd "$@"
		return
	fi
	local -a hits
	builtin compadd -A hits "$@"
	print -rl -- $hits
	builtin compadd "$@"
}
EOF
cat >"$sh/drive.zsh" <<'EOF'
zmodload zsh/zpty || exit 1
zpty z "ZSH_SCRIPT_DIR=${(q)1} zsh -f -i" || exit 1
zpty -w z "source ${(q)1}/setup.zsh"
zpty -w -n z "$2"$'\t'
out=
for i in {1..600}; do # up to a minute on a busy machine
	while zpty -rt z chunk; do out+=$chunk; done
	[[ $out == *'<<END>>'* ]] && break
	sleep 0.1
done
zpty -d z
[[ $out == *'<<END>>'* ]] || { print -u2 "no completion came: $out"; exit 1; }
# zsh offers a directory under two tags: each name once.
print -r -- "${out//$'\r'/}" | sed -n '/^<<BEGIN>>$/,/^<<END>>$/p' | sed '1d;$d' | sort -u
EOF
[ "$(cd "$dir" && zsh -f -c 'autoload -Uz compinit && compinit -u -D &&
	source "$1/_decrec" && print -r -- $_comps[decrec]' zsh "$sh")" = _decrec ] ||
	fail "zsh: loading the script after compinit does not make _decrec complete decrec"
expect_zsh() {
	got=$(cd "$dir" && zsh -f "$sh/drive.zsh" "$sh" "$2" 2>"$sh/zsh.err") ||
		fail "zsh: $1: $(cat "$sh/zsh.err")"
	[ "$got" = "$3" ] || fail "zsh: $1 ($2): expected
$3
got
$got"
}
expect_zsh "the command name" "decrec " "completion${nl}dates${nl}fields${nl}fix${nl}labels${nl}new${nl}notice${nl}plan${nl}render${nl}rules${nl}schema${nl}settings${nl}site${nl}validate"
expect_zsh "an option of validate" "decrec validate --c" "--color${nl}--config"
expect_zsh "the values of -f" "decrec validate -f " "github${nl}json${nl}junit${nl}sarif${nl}text"
expect_zsh "the values of --format=" "decrec validate --format=j" "json${nl}junit"
expect_zsh "the values of render -t" "decrec render -t " "docx${nl}html${nl}md"
expect_zsh "--template: names and files" "decrec render --template rec" "record${nl}record.mustache${nl}records${nl}records.yaml"
expect_zsh "a file name" "decrec validate rec" "record.mustache${nl}records${nl}records.yaml"
expect_zsh "directories after --templates" "decrec render --templates " "my\\ templates${nl}records"
expect_zsh "the shells" "decrec completion " "bash${nl}fish${nl}zsh"
echo "completion: zsh: the script parses and completes as expected"

# fish: the script parses, and fish completes from it.
"$DECREC" completion fish >"$sh/decrec.fish"
fish --no-execute "$sh/decrec.fish" || fail "fish --no-execute: the fish script does not parse"
fish_complete() {
	(cd "$dir" && fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$sh/decrec.fish" "$1") | cut -f1 | sort
}
expect_fish() {
	got=$(fish_complete "$2") || fail "fish: $1: fish failed"
	[ "$got" = "$3" ] || fail "fish: $1 ($2): expected
$3
got
$got"
}
expect_fish "a command" "decrec sc" "schema"
expect_fish "an option of validate" "decrec validate --c" "--color$nl--config"
expect_fish "the values of -f" "decrec validate -f " "github${nl}json${nl}junit${nl}sarif${nl}text"
expect_fish "the values of render -t" "decrec render -t " "docx${nl}html${nl}md"
expect_fish "a file name" "decrec validate rec" "record.mustache${nl}records.yaml${nl}records/"
expect_fish "the shells" "decrec completion " "bash${nl}fish${nl}zsh"
echo "completion: fish: the script parses and completes as expected"

st=0
"$DECREC" completion tcsh 2>"$sh/err" || st=$?
[ $st = 2 ] && [ "$(cat "$sh/err")" = "decrec completion: unknown shell 'tcsh': expected bash, zsh or fish
try 'decrec completion --help'" ] || fail "decrec completion tcsh: exit $st, $(cat "$sh/err")"
echo "completion: an unknown shell is a usage error"
