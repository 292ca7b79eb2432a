#!/usr/bin/env bash
# `npm test`: typecheck, lint, unit + integration tests (vitest), e2e (playwright). Stops at the
# first failing stage and exits with its status.
#
# Runs inside a private D-Bus session with a throwaway, unlocked GNOME keyring so code that uses
# the OS keychain (keytar / libsecret) works headless. XDG_RUNTIME_DIR and XDG_DATA_HOME point
# into a scratch directory so the test keyring never touches (or unlocks) a real one. Without
# dbus-run-session the stages run directly and keychain tests must skip themselves.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${EARSHOT_TEST_SESSION:-}" != 1 ]]; then
  if command -v dbus-run-session >/dev/null 2>&1; then
    scratch="$(mktemp -d "${TMPDIR:-/tmp}/earshot-test.XXXXXX")"
    trap 'rm -rf "$scratch"' EXIT
    mkdir -m 700 "$scratch/run" "$scratch/data"
    status=0
    EARSHOT_TEST_SESSION=1 XDG_RUNTIME_DIR="$scratch/run" XDG_DATA_HOME="$scratch/data" \
      dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@" || status=$?
    exit "$status"
  fi
  echo "run-all: dbus-run-session not found; running without a session bus or keychain" >&2
fi

if [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  # An empty line is the (empty) password: the daemon creates and unlocks a "login" keyring
  # with it. (With no input at all it creates none, and libsecret then wants a GUI prompt.)
  while IFS= read -r line; do
    if [[ "$line" == *=* ]]; then export "${line?}"; fi
  done < <(printf '\n' | gnome-keyring-daemon --unlock --components=secrets)
  echo "run-all: test keychain unlocked (gnome-keyring, private D-Bus session)"
else
  echo "run-all: no gnome-keyring-daemon; keychain tests will skip" >&2
fi

export PATH="$PWD/node_modules/.bin:$PATH"
# Chromium (e2e) need not start the accessibility bus in the private session.
export NO_AT_BRIDGE=1

summary=()
stage() {
  local name="$1"
  shift
  local started=$SECONDS status=0
  printf '\n==> %s: %s\n' "$name" "$*"
  "$@" || status=$?
  local took=$((SECONDS - started))
  if [[ $status -ne 0 ]]; then
    summary+=("FAIL  $name (${took}s, exit $status)")
    printf '\n'
    printf '%s\n' "${summary[@]}"
    exit "$status"
  fi
  summary+=("ok    $name (${took}s)")
}

stage typecheck npm run --silent typecheck
stage lint npm run --silent lint
stage unit+integration vitest run
stage e2e playwright test

printf '\n'
printf '%s\n' "${summary[@]}"
echo "run-all: all stages passed"
