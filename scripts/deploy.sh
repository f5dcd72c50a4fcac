#!/usr/bin/env bash
# Deploys a JobSearchAI release into an installation root and rolls back by itself when a step
# fails. DEPLOYMENT.md describes the layout, each step and the manual procedures around it.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/deploy.sh --root DIR --source PATH [options]

Installs a release, upgrades the database and restarts the API:
  install → stop → backup → init → migrate → validate → start → smoke
When a step fails, the database is restored from the backup, the previous release is
started again, and the script exits 1 (3 when the rollback itself failed).

Options:
  --root DIR          installation root: releases/, current, shared/ (created by the first deploy)
  --source PATH       the release: a checkout of this repository (built or not) or a .tar.gz of one
  --release-id ID     folder name under releases/ (default: UTC time and the source's git commit)
  --mapping FILE      answers for `jobsearch-migrate migrate` (default: shared/migrate-mapping.{yaml,yml,json})
  --restart MODE      systemd (default when systemctl is present) or pidfile (the script runs the API)
  --service NAME      systemd unit of the API (default: jobsearch-api)
  --url URL           where the API answers (default: http://127.0.0.1:$PORT, PORT from shared/jobsearch.env or 3000)
  --ready-timeout S   seconds to wait for /api/ready after the start (default: 60)
  --keep N            releases kept on disk besides the running one (default: 5)
  -h, --help          show this help
EOF
}

die_usage() {
  echo "deploy: $1" >&2
  echo "Run scripts/deploy.sh --help for the options." >&2
  exit 2
}

root="" source="" release_id="" mapping="" restart_mode="" service="jobsearch-api" url="" ready_timeout=60 keep=5
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:-}"; shift 2 ;;
    --source) source="${2:-}"; shift 2 ;;
    --release-id) release_id="${2:-}"; shift 2 ;;
    --mapping) mapping="${2:-}"; shift 2 ;;
    --restart) restart_mode="${2:-}"; shift 2 ;;
    --service) service="${2:-}"; shift 2 ;;
    --url) url="${2:-}"; shift 2 ;;
    --ready-timeout) ready_timeout="${2:-}"; shift 2 ;;
    --keep) keep="${2:-}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown option $1" ;;
  esac
done

[ -n "$root" ] || die_usage "--root is required (the installation root, e.g. /opt/jobsearchai)"
[ -n "$source" ] || die_usage "--source is required (a checkout or a .tar.gz of a release)"
[ -e "$source" ] || die_usage "--source $source does not exist"
[[ "$ready_timeout" =~ ^[1-9][0-9]*$ ]] || die_usage "--ready-timeout must be a whole number of seconds"
[[ "$keep" =~ ^[0-9]+$ ]] || die_usage "--keep must be a whole number"
if [ -z "$restart_mode" ]; then
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then restart_mode=systemd; else restart_mode=pidfile; fi
fi
case "$restart_mode" in systemd | pidfile) ;; *) die_usage "--restart must be systemd or pidfile" ;; esac
[[ "$release_id" =~ ^[A-Za-z0-9._-]*$ ]] || die_usage "--release-id may hold letters, digits, '.', '_' and '-' only"

NODE="${NODE:-node}"
command -v "$NODE" >/dev/null 2>&1 || die_usage "node is not on PATH (set NODE=/path/to/node)"

mkdir -p "$root"
root="$(cd "$root" && pwd)"
source="$(cd "$(dirname "$source")" && pwd)/$(basename "$source")"
shared="$root/shared"
releases="$root/releases"
if [ "$(id -u)" -eq 0 ] && [ -d "$shared" ] && [ "$(stat -c %U "$shared")" != root ]; then
  # Files root created (database, backups, releases) would not be writable by the service.
  die_usage "$shared belongs to $(stat -c %U "$shared"): run the deployment as that user (sudo -u $(stat -c %U "$shared") $0 …)"
fi
mkdir -p "$shared"/{instance,backups,reports,logs,run} "$releases"

# One deployment at a time per installation.
exec 9>"$shared/run/deploy.lock"
if ! flock -n 9; then
  echo "deploy: another deployment of $root is running (lock $shared/run/deploy.lock)." >&2
  exit 2
fi

env_file="$shared/jobsearch.env"
if [ -f "$env_file" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
fi
export DATABASE_URL="${DATABASE_URL:-file:$shared/instance/jobsearchai.db}"
url="${url:-http://127.0.0.1:${PORT:-3000}}"
[ -n "$mapping" ] || for candidate in "$shared"/migrate-mapping.{yaml,yml,json}; do
  if [ -f "$candidate" ]; then mapping="$candidate"; break; fi
done
if [ -n "$mapping" ] && [ ! -f "$mapping" ]; then die_usage "--mapping $mapping does not exist"; fi

if [ -z "$release_id" ]; then
  release_id="$(date -u +%Y%m%d_%H%M%S)"
  if [ -d "$source/.git" ]; then release_id="$release_id-$(git -C "$source" rev-parse --short HEAD)"; fi
fi
release="$releases/$release_id"
[ ! -e "$release" ] || die_usage "release $release_id is already installed ($release); pass another --release-id"

previous=""
if [ -L "$root/current" ]; then previous="$(readlink -f "$root/current")"; fi

log_file="$shared/logs/deploy_$release_id.log"
exec > >(tee -a "$log_file") 2>&1

step_name="preflight"
backup_file=""
db_touched=false
api_stopped=false
started_new=false

# The database URL for the log: no password, no query string.
database_label() { printf '%s' "${DATABASE_URL%%\?*}" | sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#'; }

say() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }
step() {
  step_name="$1"
  say "==> $1: $2"
}

# --- the API process -------------------------------------------------------------------------

pid_file="$shared/run/api.pid"

# The service user may stop and start its unit through sudo (DEPLOYMENT.md has the sudoers line).
service_ctl() {
  if [ "$(id -u)" -eq 0 ]; then systemctl "$@" "$service"; else sudo -n systemctl "$@" "$service"; fi
}

api_running() {
  if [ "$restart_mode" = systemd ]; then
    systemctl is-active --quiet "$service"
  else
    [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
  fi
}

stop_api() {
  if [ "$restart_mode" = systemd ]; then
    service_ctl stop
    return
  fi
  [ -f "$pid_file" ] || return 0
  local pid
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    # The API finishes in-flight requests and marks running searches interrupted (SHUTDOWN_GRACE_MS).
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      say "the API (pid $pid) did not stop within 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pid_file"
}

start_api() {
  if [ "$restart_mode" = systemd ]; then
    service_ctl start
    return
  fi
  # Detached from this script: its own session, and none of the script's descriptors (the deploy
  # lock, the log pipe) stay open in the server. setsid may fork, so the inner shell writes the pid
  # that `exec` hands on to node. Working directory shared/, like the systemd unit.
  rm -f "$pid_file"
  (
    cd "$shared"
    exec setsid bash -c 'for fd in $(ls /proc/$$/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done 2>/dev/null
      echo $$ >"$1"
      exec "$2" "$3" serve' api "$pid_file" "$NODE" "$root/current/packages/api/dist/cli.js" </dev/null >>"$shared/logs/api.out" 2>&1
  ) &
  for _ in $(seq 1 50); do [ -s "$pid_file" ] && break; sleep 0.1; done
}

wait_ready() {
  local deadline=$((SECONDS + ready_timeout))
  while [ $SECONDS -lt $deadline ]; do
    if [ "$restart_mode" = pidfile ] && ! api_running; then
      say "the API exited during start-up; last lines of $shared/logs/api.out:"
      tail -n 20 "$shared/logs/api.out" || true
      return 1
    fi
    if "$NODE" -e "fetch(process.argv[1] + '/api/ready', { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))" "$url"; then
      return 0
    fi
    sleep 0.5
  done
  say "$url/api/ready did not answer 200 within $ready_timeout s"
  return 1
}

# --- the CLIs of a release ---------------------------------------------------------------------

migrate_cli() { # release dir, then arguments
  local dir="$1"
  shift
  (cd "$shared" && "$NODE" "$dir/packages/migrate-cli/dist/cli.js" "$@")
}

json_field() { # reads JSON on stdin, prints one field: a dotted path such as schema.empty
  "$NODE" -e "let s='';process.stdin.on('data',(d)=>s+=d).on('end',()=>{const v=process.argv[1].split('.').reduce((o,k)=>o?.[k],JSON.parse(s));process.stdout.write(v==null?'':String(v))})" "$1"
}

sqlite_path() { # empty for PostgreSQL
  case "$DATABASE_URL" in
    postgres://* | postgresql://*) echo "" ;;
    file:*) echo "${DATABASE_URL#file:}" ;;
    *) echo "$DATABASE_URL" ;;
  esac
}

# Whether there is anything to back up: an SQLite file, or a PostgreSQL database with tables.
database_exists() {
  local db_path
  db_path="$(sqlite_path)"
  if [ -n "$db_path" ]; then
    [ -f "$db_path" ]
  else
    [ "$(migrate_cli "$release" status --json | json_field schema.empty)" != true ]
  fi
}

# --- rollback ------------------------------------------------------------------------------------

# Runs on every exit after the checks above: a failing step (set -e) ends the script here.
on_exit() {
  local code=$?
  if $deployed || [ "$code" -eq 0 ]; then return; fi
  rollback
}

rollback() {
  local failed_step="$step_name" status=0
  trap - EXIT
  set +e
  say "!!! step '$failed_step' failed: rolling back"
  if $started_new || $api_stopped; then stop_api; fi
  if $db_touched; then
    if [ -n "$backup_file" ]; then
      local cli_release="${previous:-$release}"
      say "restoring the database from $backup_file"
      if ! migrate_cli "$cli_release" restore "$backup_file" --yes --backup-dir "$shared/backups"; then
        say "!!! the restore failed: the database is NOT back to its state before the deployment."
        say "    Restore it by hand: jobsearch-migrate restore $backup_file --yes"
        status=3
      fi
    else
      local db_path
      db_path="$(sqlite_path)"
      if [ -n "$db_path" ] && [ -f "$db_path" ]; then
        # There was no database before this deployment: set the new one aside for diagnosis.
        mv "$db_path" "$db_path.failed-$release_id"
        rm -f "$db_path-wal" "$db_path-shm"
        say "there was no database before; the one this deployment created is now $db_path.failed-$release_id"
      elif [ -z "$db_path" ]; then
        say "the PostgreSQL database was empty before; it keeps the schema this deployment created (the next init reuses it)"
      fi
    fi
  fi
  if [ -n "$previous" ]; then
    ln -sfn "$previous" "$root/current.tmp" && mv -T "$root/current.tmp" "$root/current"
    if $api_stopped || $started_new; then
      say "starting the previous release $(basename "$previous")"
      if start_api && wait_ready; then
        say "the previous release answers at $url"
      else
        say "!!! the previous release did not come back: check $shared/logs and the service"
        status=3
      fi
    fi
  else
    rm -f "$root/current"
  fi
  if [ "$status" -eq 0 ]; then
    say "Deployment of $release_id FAILED at '$failed_step' and was rolled back${previous:+ to $(basename "$previous")}. Log: $log_file"
    exit 1
  fi
  say "Deployment of $release_id FAILED at '$failed_step' and the rollback did not complete (see above). Log: $log_file"
  exit 3
}
deployed=false
trap on_exit EXIT

# --- the steps -------------------------------------------------------------------------------------

say "Deploying $source as release $release_id into $root (restart: $restart_mode, database: $(database_label))"
if [ -n "$previous" ]; then say "running release: $(basename "$previous")"; fi

step install "copy the release into $release"
mkdir -p "$release"
case "$source" in
  *.tar.gz | *.tgz)
    tar -xzf "$source" -C "$release"
    # A tarball made with a top folder (git archive --prefix) unpacks one level deeper.
    if [ ! -f "$release/package.json" ] && [ "$(ls -A "$release" | wc -l)" -eq 1 ]; then
      inner="$release/$(ls -A "$release")"
      (shopt -s dotglob && mv "$inner"/* "$release"/ && rmdir "$inner")
    fi
    ;;
  *)
    [ -d "$source" ] || { echo "--source must be a directory or a .tar.gz" >&2; false; }
    tar -C "$source" --exclude=./.git --exclude=./instance --exclude=./backups --exclude=./reports --exclude=./logs \
      --exclude='./.turbo' --exclude='*/test-artifacts' -cf - . | tar -C "$release" -xf -
    ;;
esac
[ "$("$NODE" -p "require('$release/package.json').name" 2>/dev/null)" = jobsearchai ] || {
  echo "$source is not a JobSearchAI release (its package.json is not the jobsearchai workspace)" >&2
  false
}
if [ ! -f "$release/packages/api/dist/cli.js" ] || [ ! -d "$release/node_modules" ]; then
  say "the release is not built: installing its dependencies and building it"
  (cd "$release" && bash scripts/bootstrap.sh true)
fi
# The copied native addon must load with this Node, or nothing below would.
migrate_cli "$release" --version >/dev/null

if api_running; then
  step stop "stop the API so the backup is exactly the database a rollback returns to"
  api_stopped=true
  stop_api
fi

step backup "verified backup of the database"
if database_exists; then
  backup_json="$(migrate_cli "$release" backup --dir "$shared/backups" --json)"
  backup_file="$(printf '%s' "$backup_json" | json_field path)"
  if [ -z "$backup_file" ] || [ ! -f "$backup_file" ]; then
    echo "jobsearch-migrate backup did not name a backup file: $backup_json" >&2
    false
  fi
  say "backup: $backup_file"
else
  say "no database yet at $(database_label): nothing to back up"
fi

step init "create or upgrade the schema (adopts a legacy database)"
db_touched=true
migrate_cli "$release" init --no-backup

step migrate "import legacy job_matches files (non-interactive)"
legacy_dir="$shared/job_matches"
if compgen -G "$legacy_dir/job_matches_*.json" >/dev/null; then
  migrate_args=(migrate --dir "$legacy_dir" --yes --no-backup --report "$shared/reports/deploy_${release_id}_migrate")
  [ -n "$mapping" ] && migrate_args+=(--mapping "$mapping")
  migrate_cli "$release" "${migrate_args[@]}"
else
  say "no legacy files in $legacy_dir: nothing to import"
fi

step validate "compare the legacy files with the database"
migrate_cli "$release" validate --dir "$legacy_dir" --report "$shared/reports/deploy_${release_id}_validate"

step start "switch current to $release_id and start the API"
ln -sfn "$release" "$root/current.tmp" && mv -T "$root/current.tmp" "$root/current"
started_new=true
start_api
wait_ready

step smoke "post-deployment checks against $url"
(cd "$shared" && "$NODE" "$release/packages/api/dist/cli.js" smoke --url "$url")

deployed=true
# Keep the running release, the one before it and the newest --keep others.
mapfile -t old < <(ls -1t "$releases" | grep -vxF -e "$release_id" -e "$(basename "${previous:-none}")" | tail -n +$((keep + 1)))
for name in "${old[@]}"; do rm -rf "${releases:?}/$name"; done
say "Deployed $release_id${previous:+ (previous: $(basename "$previous"))}. Backup: ${backup_file:-none}. Log: $log_file"
