#!/usr/bin/env bash
# Side by side with LibreOffice: generates IDB-style workbooks of 10 and 10,000 indicators and
# times `rbf-targets compute W.xlsx --out O.xlsx` against
# `soffice --headless --convert-to xlsx W.xlsx` on the same files, alternating runs, and prints
# the median wall time of each, their ratio and the peak memory (maximum resident set) of each
# (from one more run of each, not timed), then every run's time.
# Usage: scripts/compare-libreoffice.sh [RUNS]   (default 5 runs of each)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
command -v soffice >/dev/null || { echo "LibreOffice is needed: apt-get install libreoffice-calc-nogui"; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time"; exit 1; }
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example large_project
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
profile="$work/lo-profile"
runs_of=()
# Wall time of a command in milliseconds, read from bash's own clock before and after it (no
# process is started to read the time, so a 10 ms run is not measured as 12).
export LC_ALL=C
wall_ms() {
    local start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1
    local end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) * 1000 }'
}
echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024)" MiB"}'); $(date -u +%Y-%m-%d)"
printf '%-10s %14s %14s %8s %16s %16s\n' indicators "rbf-targets ms" "LibreOffice ms" ratio "rbf peak MiB" "LO peak MiB"
for n in 10 10000; do
    target/release/examples/large_project "$n" "$work/w$n.xlsx"
    rbf_times=(); lo_times=()
    # A first LibreOffice run creates its profile; it is not timed.
    soffice -env:UserInstallation="file://$profile" --headless --convert-to xlsx --outdir "$work/lo" "$work/w$n.xlsx" >/dev/null 2>&1
    for _ in $(seq "$runs"); do
        rbf_times+=("$(wall_ms target/release/rbf-targets compute "$work/w$n.xlsx" --out "$work/o$n.xlsx")")
        lo_times+=("$(wall_ms soffice -env:UserInstallation="file://$profile" --headless --convert-to xlsx --outdir "$work/lo" "$work/w$n.xlsx")")
    done
    # Peak memory from one more run of each, not timed (GNU time adds a process of its own).
    /usr/bin/time -f "%M" -o "$work/t" target/release/rbf-targets compute "$work/w$n.xlsx" --out "$work/o$n.xlsx" >/dev/null 2>&1
    rbf_peak=$(tail -1 "$work/t")
    /usr/bin/time -f "%M" -o "$work/t" soffice -env:UserInstallation="file://$profile" --headless --convert-to xlsx --outdir "$work/lo" "$work/w$n.xlsx" >/dev/null 2>&1
    lo_peak=$(tail -1 "$work/t")
    median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    r=$(median "${rbf_times[@]}"); l=$(median "${lo_times[@]}")
    ratio=$(awk -v a="$l" -v b="$r" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
    printf '%-10s %14s %14s %8s %16d %16d\n' "$n" "$r" "$l" "$ratio" $((rbf_peak / 1024)) $((lo_peak / 1024))
    runs_of+=("$n: rbf-targets ${rbf_times[*]}; LibreOffice ${lo_times[*]}")
done
echo "every run (ms, in the order run):"
printf '  %s\n' "${runs_of[@]}"
