#!/usr/bin/env bash
# How long a community's thread list takes to answer, with many threads: warm (every grain in memory) and right
# after a restart of the gateway (nothing in memory). Loopback only; bounded (THREADS threads, ROUNDS lists).
#
#   bash bench/scripts/thread-listing.sh [THREADS=1000] [ROUNDS=20]
#
# Starts the gateway (Release, embedded SQLite in a temporary folder) on 127.0.0.1:5191, creates one community with
# THREADS threads of one post each over REST, then times GET /api/communities/{id}/threads: ROUNDS times warm, once
# right after a kill and restart on the same file (after one GET of the community, so that the gateway's first
# request is not the list's), then ROUNDS times warm again; and ROUNDS replies into one thread, one at a time. Prints p50 and max in ms.
set -euo pipefail
threads=${1:-1000}
rounds=${2:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$(mktemp -d)
url=http://127.0.0.1:5191
pid=

stop() { if [[ -n "$pid" ]]; then kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
trap 'stop; rm -rf "$data"' EXIT

start() {
  # From its project folder, so that it finds appsettings.Development.json (the development sign-in).
  (cd "$root/src/Gateway" && ASPNETCORE_ENVIRONMENT=Development CoPLive__Orleans__SqlitePath="$data/coplive.db" \
    exec dotnet bin/Release/net10.0/CoPLive.Gateway.dll --urls "$url") > "$data/gateway.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sf "$url/ready" > /dev/null && return 0
    sleep 0.5
  done
  echo "the gateway did not get ready; the end of its log:" >&2
  tail -20 "$data/gateway.log" >&2
  exit 1
}

timed_get() {
  curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url$1"
}
timed_list() { timed_get "/api/communities/$community/threads"; }

summary() { sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "p50 %.1f ms, max %.1f ms (%d)\n", v[int((NR + 1) / 2)], v[NR], NR }'; }

(cd "$root" && dotnet build -c Release src/Gateway -v q -nologo > /dev/null)
start
token=$(curl -sf -X POST "$url/api/dev/token" -H 'Content-Type: application/json' \
  -d '{"userId":"alice","displayName":"Alice","organizationId":"northwind"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
community=$(curl -sf -X POST "$url/api/communities" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"Listing bench","domain":"benchmarks"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
echo "community $community: creating $threads threads"
created_at=$(date +%s%N)
seq 1 "$threads" | xargs -P 4 -I{} curl -sf -o /dev/null -X POST "$url/api/communities/$community/threads" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"title":"Thread {} on tailings dams","kind":"question","body":"How do you monitor seepage at dam {}?"}'
echo "created in $(( ($(date +%s%N) - created_at) / 1000000 )) ms (4 at a time)"
count=$(curl -sf -H "Authorization: Bearer $token" "$url/api/communities/$community/threads" | grep -o '"id":' | wc -l)
echo "listed $count threads"
# A reply, one after another into the newest thread: what a post costs end to end (its writes included).
thread=$(curl -sf -H "Authorization: Bearer $token" "$url/api/communities/$community/threads" | sed -E 's/^\[\{"id":"([^"]+)".*/\1/')
echo -n "a reply, one at a time: "
for i in $(seq 1 "$rounds"); do
  curl -s -o /dev/null -w '%{time_total}\n' -X POST "$url/api/threads/$thread/posts" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"body\":\"Reply $i: we use piezometers.\"}"
done | summary
echo -n "warm:                  "; for _ in $(seq 1 "$rounds"); do timed_list; done | summary
stop
start
# The community first, so that the list's figure is not also the gateway's first request (its JIT, its sign-in check).
echo -n "after a restart, the community first: "; timed_get "/api/communities/$community" | summary
echo -n "then the first list:   "; timed_list | summary
echo -n "warm again:            "; for _ in $(seq 1 "$rounds"); do timed_list; done | summary
