#!/usr/bin/env bash
# Instructions per request, counted by valgrind's callgrind: a repeatable measure on a noisy
# machine (timings here vary by 10-40 % run to run; instruction counts by a few percent). It counts user-space
# instructions only (no kernel time, no cache misses), so it compares builds, it does not replace
# `npm run bench`.
#
#   npm run build && npx tsc -p tsconfig.bench.json && bash test/bench/instructions.sh [gateway-dir ...]
#
# Each gateway dir (default: this checkout) must hold a built dist/. The floor (bare Fastify +
# undici, test/bench/floor.ts) is measured too. Per target: start it under callgrind with
# instrumentation off, warm it with 3,000 requests, switch instrumentation on, 1,000 more, then
# three windows of N requests (default 2,000) at 8 connections; the last window is the settled one.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-2000}
UPSTREAM_PORT=18101
PORT=18102
URL="http://127.0.0.1:$PORT/v1/contacts?whatsapp=%2B5531911112222"
AUTH='authorization: Bearer bench-api-key-0123456789abcdef'
WORK=$(mktemp -d)
# valgrind names its control pipes after $HOST; the gateway reads HOST as its bind address. Same value for both.
export HOST=127.0.0.1
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
[ -f dist-bench/test/bench/upstream.js ] || { echo "build the bench first: npx tsc -p tsconfig.bench.json" >&2; exit 1; }

cat > "$WORK/connections.json" <<JSON
{"connections":[{"id":"fast-1k","provider":"maxbot","baseUrl":"http://127.0.0.1:$UPSTREAM_PORT/fast-1k/api/v1.php","token":"bench-maxbot-token-0123456789","default":true}],
 "apiKeys":[{"name":"bench","key":"bench-api-key-0123456789abcdef"}]}
JSON
PORT=$UPSTREAM_PORT node dist-bench/test/bench/upstream.js >/dev/null 2>&1 &

load() { npx autocannon -c 8 -a "$1" -H "$AUTH" "$URL" >/dev/null 2>&1; }

# measure <label> <command...>: prints "<label> w1 w2 w3" (instructions per request per window)
measure() {
  local label=$1; shift
  valgrind --tool=callgrind --instr-atstart=no --smc-check=all-non-file \
    --callgrind-out-file="$WORK/$label.%p" "$@" >"$WORK/$label.log" 2>&1 &
  local pid=$! out=$label
  for _ in $(seq 1 240); do curl -s -o /dev/null -H "$AUTH" "$URL" && break; sleep 0.5; done
  load 3000
  callgrind_control -i on "$pid" >/dev/null 2>&1
  load 1000
  for _ in 1 2 3; do
    callgrind_control -z "$pid" >/dev/null 2>&1
    load "$N"
    callgrind_control -d "$pid" >/dev/null 2>&1
    sleep 2
    local dump total
    dump=$(ls -t "$WORK/$label".* | grep -v '\.log$' | head -1)
    total=$(grep -h '^summary' "$dump" | awk '{print $2}')
    out="$out $((total / N))"
  done
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$out"
}

echo "instructions per request (GET /v1/contacts, 1 KB reply), windows 1-3 of $N requests:"
for dir in "${@:-.}"; do
  CONNECTIONS_FILE="$WORK/connections.json" PORT=$PORT NODE_ENV=production measure "ponte:$(basename "$(realpath "$dir")")" node "$dir/dist/src/main.js"
done
UPSTREAM=http://127.0.0.1:$UPSTREAM_PORT TOKEN=bench-maxbot-token-0123456789 PORT=$PORT measure floor node dist-bench/test/bench/floor.js
