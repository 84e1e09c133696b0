#!/usr/bin/env bash
# The hostile-size cases of README "Limits on untrusted input", generated
# here (none is committed), each run through every command and output format
# that reads it, on one core, printing wall time, peak resident memory, exit
# status and output sizes for each run:
#
#     cargo build --release && bench/hostile.sh                  # every case
#     bench/hostile.sh --bin path/to/servchain --timeout 60 name what
#
# The files are kept in target/hostile/. A run that exceeds --timeout seconds
# (default 60) is killed and its exit shown as "killed".
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/servchain"
timeout=60
cases=()
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$(realpath "$2"); shift 2 ;;
        --timeout) timeout=$2; shift 2 ;;
        -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
        *) cases+=("$1"); shift ;;
    esac
done
[ ${#cases[@]} -gt 0 ] || cases=(name what organization unknown-id unknown-keys suggestions near-names deep-flow aliases)
[ -x "$bin" ] || { echo "no binary at $bin: run cargo build --release" >&2; exit 2; }
command -v /usr/bin/time > /dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
dir="$root/target/hostile"
mkdir -p "$dir"
mb64=$((64 << 20))

# `repeat N CHAR`: N copies of CHAR, no newline.
repeat() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# An org whose department `big` every other department's chain passes
# through, weak enough that `check` reports on it; $1 is spliced into big.
org_with() {
    printf 'organization: Hostile\ncustomers: [{id: c, name: Customers}]\ndepartments:\n'
    printf '  - id: big\n%s    serves: [{to: c, what: %s, quality: 0.5}]\n' "$1" "$2"
    for i in $(seq 1 3); do
        printf '  - {id: d%s, serves: [{to: big, quality: 0.9}]}\n' "$i"
    done
    printf '  - {id: lost, name: Lost, serves: [{to: lost2}]}\n  - {id: lost2, name: Lost too}\n'
}

generate() {
    local f="$dir/$1.yaml"
    [ -s "$f" ] && return
    case "$1" in
        name) org_with "    name: $(repeat $mb64 n)"$'\n' "goods" > "$f" ;;
        what) org_with "    name: Big"$'\n' "$(repeat $mb64 w)" > "$f" ;;
        organization) { printf 'organization: %s\n' "$(repeat $mb64 o)"; org_with "" goods | tail -n +2; } > "$f" ;;
        unknown-id) printf 'departments:\n  - id: a\n    serves: [{to: %s}]\n' "$(repeat $mb64 u)" > "$f" ;;
        unknown-keys)
            { printf 'customers: [{id: c}]\ndepartments:\n  - id: a\n    serves: [{to: c}]\n'
              seq 1 300000 | sed 's/.*/    k&: 1/'; } > "$f" ;;
        suggestions)
            # 4,400 departments with 4 KB names, each handing off to an
            # unknown 4 KB id: every name is a candidate for every id.
            local name; name=$(repeat 4000 n)
            { printf 'customers: [{id: c}]\ndepartments:\n'
              for i in $(seq 1 4400); do
                  printf '  - {id: d%s, name: %s%04d, serves: [{to: %s%04d}]}\n' "$i" "$name" "$i" "$name" "$i"
              done; } > "$f" ;;
        near-names)
            # The same with 250-byte names, short enough to be compared:
            # the suggestions' shared budget is what bounds the work.
            local name; name=$(repeat 246 n)
            { printf 'customers: [{id: c}]\ndepartments:\n'
              for i in $(seq 1 4400); do
                  printf '  - {id: d%s, name: %s%04d, serves: [{to: %s%04d}]}\n' "$i" "$name" "$i" "${name^^}" "$i"
              done; } > "$f" ;;
        deep-flow) printf 'departments: %s%s\n' "$(repeat 300000 '[')" "$(repeat 300000 ']')" > "$f" ;;
        aliases)
            { printf 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n'
              for i in $(seq 1 29); do
                  printf 'a%s: &a%s [' "$i" "$i"
                  for _ in $(seq 1 9); do printf '*a%s, ' $((i - 1)); done
                  printf '*a%s]\n' $((i - 1))
              done
              printf 'departments: [{id: d, serves: [{to: c}]}]\ncustomers: [{id: c}]\n'; } > "$f" ;;
        *) echo "unknown case $1" >&2; exit 2 ;;
    esac
}

pin=()
command -v taskset > /dev/null && pin=(taskset -c 0)

# `measure CASE ARGS…`: one run, one line of the table.
measure() {
    local case=$1; shift
    local out="$dir/out" err="$dir/err" stats="$dir/stats" status
    set +e
    /usr/bin/time -f '%e %U %S %M' -o "$stats" timeout -s KILL "$timeout" "${pin[@]}" "$bin" "$@" > "$out" 2> "$err"
    status=$?
    set -e
    local wall user sys kb cpu mb
    read -r wall user sys kb < <(tail -1 "$stats")
    cpu=$(awk "BEGIN { printf \"%.2f\", $user + $sys }")
    mb=$((kb / 1024))
    [ "$status" -ne 137 ] || status=killed
    printf '%-13s %-44s %4s %7s %7s %7s %12s %12s\n' "$case" "${*/#$dir\//}" "$status" "$wall" "$cpu" "$mb" \
        "$(stat -c %s "$out")" "$(stat -c %s "$err")"
}

# wall: elapsed seconds; cpu: user + system seconds (what the run costs
# on a busy machine); peak-MB: maximum resident set size.
printf '%-13s %-44s %4s %7s %7s %7s %12s %12s\n' case command exit wall cpu peak-MB stdout-bytes stderr-bytes
for c in "${cases[@]}"; do
    generate "$c"
    f="$dir/$c.yaml"
    for fmt in table json markdown html csv; do measure "$c" analyze "$f" --format "$fmt"; done
    for fmt in text json sarif github junit markdown; do measure "$c" check "$f" --format "$fmt"; done
    for fmt in dot mermaid; do measure "$c" graph "$f" --format "$fmt"; done
    for fmt in text json; do measure "$c" trace "$f" d1 --format "$fmt"; done
    measure "$c" whatif "$f" --remove d1
    measure "$c" diff "$f" "$f"
done
