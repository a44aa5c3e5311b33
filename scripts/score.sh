#!/usr/bin/env bash
# Score the extraction: import a folder into a scratch SQLite database, serve it on a
# spare port, and print ${SCORER:-../shared/eval/score.py}'s figures against a gold file.
#   scripts/score.sh FOLDER GOLD [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
folder=$1 gold=$2 port=${3:-8765}
scratch=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$scratch"' EXIT
export DEBUG=1 DATABASE_URL="sqlite:///$scratch/score.sqlite3"
.venv/bin/python manage.py migrate --noinput >/dev/null
.venv/bin/python manage.py import_articles "$folder" >"$scratch/import.log" 2>&1 || { cat "$scratch/import.log"; exit 1; }
.venv/bin/python manage.py runserver --noreload "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/" >/dev/null && break; sleep 0.5; done
.venv/bin/python ${SCORER:-../shared/eval/score.py} --base-url "http://127.0.0.1:$port" --gold "$gold" ${SCORE_ARGS:-}
