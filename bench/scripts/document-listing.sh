#!/usr/bin/env bash
# How long a community's document list takes to answer when its documents hold content: warm, and right after a
# restart of the gateway (nothing in memory); and the first export of a document after that list (its content's load).
# Loopback only; bounded (DOCUMENTS documents of CHARACTERS characters each, ROUNDS lists).
#
#   bash bench/scripts/document-listing.sh [DOCUMENTS=200] [CHARACTERS=20000] [ROUNDS=20]
#
# Starts the gateway (Release, embedded SQLite in a temporary folder) on 127.0.0.1:5192, creates one community with
# DOCUMENTS text documents over REST, writes CHARACTERS characters into each with npm's y-websocket client
# (tests/node/fill-documents.mjs), then times GET /api/communities/{id}/documents: ROUNDS times warm, once right after
# a kill and restart on the same file (after one GET of the community, so that the gateway's first request is not the
# list's), then ROUNDS times warm again; then one export of each of ROUNDS documents. Prints p50 and max in ms, and
# the gateway's resident memory after the first list.
set -euo pipefail
documents=${1:-200}
characters=${2:-20000}
rounds=${3:-20}
url=http://127.0.0.1:5192
source "$(dirname "$0")/lib.sh"
timed_list() { timed_get "/api/communities/$community/documents"; }
resident() { awk '/VmRSS/ { printf "%.0f MB\n", $2 / 1024 }' "/proc/$pid/status"; }
[[ -d "$root/tests/node/node_modules" ]] || (cd "$root/tests/node" && npm ci --silent)
start
sign_in_and_create_community
echo "community $community: creating $documents documents of $characters characters"
seq 1 "$documents" | xargs -P 4 -I{} curl -sf -o /dev/null -X POST "$url/api/communities/$community/documents" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"title":"Pit wall inspection {}","kind":"text"}'
mapfile -t ids < <(curl -sf -H "Authorization: Bearer $token" "$url/api/communities/$community/documents" | grep -o '"id":"[^"]*"' | sed -E 's/"id":"([^"]*)"/\1/')
echo "listed ${#ids[@]} documents"
filled_at=$(date +%s%N)
(cd "$root/tests/node" && node fill-documents.mjs "${url/http/ws}/yjs" "$token" "$characters" "${ids[@]}")
echo "filled in $(( ($(date +%s%N) - filled_at) / 1000000 )) ms, one after another"
echo -n "warm:                  "; for _ in $(seq 1 "$rounds"); do timed_list; done | summary
stop
start
echo -n "after a restart, the community first: "; timed_get "/api/communities/$community" | summary
echo -n "then the first list:   "; timed_list | summary
echo -n "the gateway's memory after it: "; resident
echo -n "warm again:            "; for _ in $(seq 1 "$rounds"); do timed_list; done | summary
echo -n "an export after the list, one per document: "
for i in $(seq 0 $(( rounds - 1 ))); do timed_get "/api/documents/${ids[$i]}/export?format=markdown"; done | summary
length=$(curl -sf -H "Authorization: Bearer $token" "$url/api/documents/${ids[0]}/export?format=markdown" | wc -c)
echo "the first document exports $length characters after the restart (written: $characters)"
