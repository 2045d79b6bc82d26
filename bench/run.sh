#!/usr/bin/env bash
# The scan benchmark suite: end-to-end scans next to the catalog-only floor measured in the
# same run on the same database, a deep table next to a small one, and peak memory as tables
# grow. Prints one line per figure (and the same lines to target/bench-last-run.txt).
#
#   bench/run.sh            # everything (≈ 10 minutes on 2 cores, ~3 GB of disk while it runs)
#   bench/run.sh wide       # only the 2,000-table schema on the three engines
#   bench/run.sh deep       # only the 10-million-row table
#   bench/run.sh memory     # only peak memory at 10 / 1,000 / 5,000 tables (PostgreSQL)
#
# Needs the servers of the test suite (PostgreSQL on 127.0.0.1:5432 as postgres, MariaDB on
# 127.0.0.1:3306 as root) and the clients psql, pg_dump, mariadb, mysqldump, sqlite3 and GNU
# time. Databases it creates are named privaudit_bench_* and dropped at the end (KEEP=1 keeps
# them, and a later run reuses them). The classifier's throughput is `cargo bench --bench
# classifier`.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
PG=${PG:-postgres://postgres@127.0.0.1:5432}
MY=${MY:-mysql://root@127.0.0.1:3306}
TABLES=${TABLES:-2000}
ROWS=${ROWS:-200}
DEEP_SMALL=${DEEP_SMALL:-10000}
DEEP_COPIES=${DEEP_COPIES:-1000}
RUNS=${RUNS:-3}
work="$(mktemp -d)"
out=target/bench-last-run.txt
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin privaudit --example gen_schema
bin=${PRIVAUDIT_BIN:-target/release/privaudit}
gen=target/release/examples/gen_schema
: >"$out"
say() { echo "$*" | tee -a "$out"; }
say "# bench/run.sh $what — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

# Median wall seconds and max peak RSS (MB) of RUNS runs of a command.
measure() {
  local times=() mem=0
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
      echo "failed: $* (see below)" >&2
      cat "$work/stderr" >&2
      return 1
    }
    read -r t m <"$work/time"
    times+=("$t")
    ((m > mem)) && mem=$m
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
  echo "$med $((mem / 1024))"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }'; }

scan() { echo "$bin" scan --db "$1" --format json --out "$work/report.json" "${@:2}"; }

pg_db() { psql -qAt "$PG/postgres" -c "SELECT 1 FROM pg_database WHERE datname = '$1'"; }
my_db() { mariadb -h 127.0.0.1 -u root -N -e "SELECT 1 FROM information_schema.schemata WHERE schema_name = '$1'"; }

load_pg() { # name kind n m
  if [[ -z "$(pg_db "$1")" ]]; then
    psql -q "$PG/postgres" -c "CREATE DATABASE $1"
    "$gen" "$2" postgres "$3" "$4" | psql -q -v ON_ERROR_STOP=1 "$PG/$1" >/dev/null
    psql -q "$PG/$1" -c "ANALYZE"
  fi
}
load_my() {
  if [[ -z "$(my_db "$1")" ]]; then
    mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE $1"
    "$gen" "$2" mysql "$3" "$4" | mariadb -h 127.0.0.1 -u root "$1"
    mariadb -h 127.0.0.1 -u root "$1" -N -e "SELECT GROUP_CONCAT(CONCAT('\`', table_name, '\`')) FROM information_schema.tables WHERE table_schema = '$1'" |
      sed 's/^/ANALYZE TABLE /; s/$/;/' | mariadb -h 127.0.0.1 -u root "$1" >/dev/null
  fi
}
load_sqlite() { # file kind n m
  if [[ ! -s "$1" ]]; then
    "$gen" "$2" sqlite "$3" "$4" | sqlite3 "$1"
  fi
}
sqlite_file() { echo "${TMPDIR:-/tmp}/privaudit_bench_$1.sqlite"; }

cleanup() {
  [[ "${KEEP:-0}" == 1 ]] && return
  for d in $(psql -qAt "$PG/postgres" -c "SELECT datname FROM pg_database WHERE datname LIKE 'privaudit_bench_%'"); do
    psql -q "$PG/postgres" -c "DROP DATABASE $d WITH (FORCE)"
  done
  for d in $(mariadb -h 127.0.0.1 -u root -N -e "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'privaudit_bench_%'"); do
    mariadb -h 127.0.0.1 -u root -e "DROP DATABASE $d"
  done
  rm -f "${TMPDIR:-/tmp}"/privaudit_bench_*.sqlite
}

row() { # label scan-figures floor-figures
  read -r st sm <<<"$2"
  read -r ft _ <<<"$3"
  say "$(printf '%-44s privaudit %6.2f s %4d MB | floor %6.2f s | %5sx the floor' "$1" "$st" "$sm" "$ft" "$(ratio "$st" "$ft")")"
}

wide() {
  local db="privaudit_bench_wide_${TABLES}"
  say "## wide schema: $TABLES tables x 20 columns x $ROWS rows (examples/gen_schema.rs), median of $RUNS"
  load_pg "$db" wide "$TABLES" "$ROWS"
  row "PostgreSQL vs pg_dump --schema-only" "$(measure $(scan "$PG/$db"))" \
    "$(measure pg_dump --schema-only -f /dev/null "$PG/$db")"
  load_my "$db" wide "$TABLES" "$ROWS"
  row "MariaDB vs mysqldump --no-data" "$(measure $(scan "$MY/$db"))" \
    "$(measure mysqldump -h 127.0.0.1 -u root --no-data --result-file=/dev/null "$db")"
  local f
  f="$(sqlite_file "wide_${TABLES}")"
  load_sqlite "$f" wide "$TABLES" "$ROWS"
  row "SQLite vs sqlite3 .schema" "$(measure $(scan "sqlite://$f"))" \
    "$(measure sqlite3 "$f" .schema)"
}

deep() {
  local db="privaudit_bench_deep" rows=$((DEEP_SMALL * DEEP_COPIES))
  say "## deep table: $rows rows vs $DEEP_SMALL rows, same 20 columns, median of $RUNS"
  load_pg "$db" deep "$DEEP_SMALL" "$DEEP_COPIES"
  for t in small deep; do
    read -r s m <<<"$(measure $(scan "$PG/$db" --include "public.$t"))"
    eval "pg_$t=\"$s $m\""
  done
  say "$(printf 'PostgreSQL  small %6.2f s %4d MB | deep %6.2f s %4d MB | %sx' $pg_small $pg_deep "$(ratio "${pg_deep%% *}" "${pg_small%% *}")")"
  load_my "$db" deep "$DEEP_SMALL" "$DEEP_COPIES"
  for t in small deep; do
    read -r s m <<<"$(measure $(scan "$MY/$db" --include "$db.$t"))"
    eval "my_$t=\"$s $m\""
  done
  say "$(printf 'MariaDB     small %6.2f s %4d MB | deep %6.2f s %4d MB | %sx' $my_small $my_deep "$(ratio "${my_deep%% *}" "${my_small%% *}")")"
  local f
  f="$(sqlite_file deep)"
  load_sqlite "$f" deep "$DEEP_SMALL" "$DEEP_COPIES"
  for t in small deep; do
    read -r s m <<<"$(measure $(scan "sqlite://$f" --include "main.$t"))"
    eval "sq_$t=\"$s $m\""
  done
  say "$(printf 'SQLite      small %6.2f s %4d MB | deep %6.2f s %4d MB | %sx' $sq_small $sq_deep "$(ratio "${sq_deep%% *}" "${sq_small%% *}")")"
}

memory() {
  say "## peak memory as tables grow (PostgreSQL, 20 columns x $ROWS rows), median time of $RUNS"
  for n in 10 1000 5000; do
    local db="privaudit_bench_wide_$n"
    load_pg "$db" wide "$n" "$ROWS"
    read -r s m <<<"$(measure $(scan "$PG/$db"))"
    say "$(printf '%5d tables: %6.2f s, peak %4d MB' "$n" "$s" "$m")"
  done
}

case "$what" in
  wide) wide ;;
  deep) deep ;;
  memory) memory ;;
  all) wide; deep; memory ;;
  *) echo "usage: bench/run.sh [all|wide|deep|memory]" >&2; exit 2 ;;
esac
cleanup
