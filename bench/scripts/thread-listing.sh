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
url=http://127.0.0.1:5191
source "$(dirname "$0")/lib.sh"
timed_list() { timed_get "/api/communities/$community/threads"; }
start
sign_in_and_create_community
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
