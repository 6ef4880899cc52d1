#!/usr/bin/env bash
# `npm test` on a busy machine: RUNS full runs (default 3) of `npm test` in a clean clone of HEAD, one after another,
# while a second clean clone runs `npm test` over and over beside them as unrelated load on every core. Any failure of
# the measured runs fails this script. Usage: bash scripts/test-under-load.sh [RUNS]
# The load runs in a process group of its own and is ended by that group's id when the measured runs are done.
set -euo pipefail
runs="${1:-3}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
echo "clones in $work"
for name in measured load; do
  git clone -q "$repo" "$work/$name"
  # Installing twice from the registry would only repeat `npm ci`; hard links share this checkout's node_modules.
  if [ -d "$repo/node_modules" ]; then cp -al "$repo/node_modules" "$work/$name/node_modules"; else (cd "$work/$name" && npm ci --no-audit --no-fund); fi
done

(cd "$work/load" && setsid bash -c 'while true; do npm test > "$0/load.log" 2>&1 || true; done' "$work") &
load=$!
stop_load() { kill -TERM -- "-$load" 2>/dev/null || true; }
trap stop_load EXIT

failed=0
for i in $(seq 1 "$runs"); do
  started=$(date +%s)
  if (cd "$work/measured" && npm test > "$work/run-$i.log" 2>&1); then verdict=passed; else verdict=FAILED; failed=$((failed + 1)); fi
  echo "run $i: $verdict in $(( $(date +%s) - started )) s, $(grep -E '^[0-9]+ passed, [0-9]+ failed' "$work/run-$i.log" | tail -n1) (load average $(cut -d' ' -f1-3 /proc/loadavg)); log: $work/run-$i.log"
done
echo "$((runs - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
