#!/usr/bin/env bash
# `npm test`: typecheck and lint (side by side), unit + integration tests (vitest), e2e (playwright), in a sandbox. Stops at the
# first failing stage and exits with its status.
#
# Runs inside a private D-Bus session with a throwaway, unlocked GNOME keyring so code that uses
# the OS keychain (keytar / libsecret) works headless. XDG_RUNTIME_DIR and XDG_DATA_HOME point
# into a scratch directory so the test keyring never touches (or unlocks) a real one. Without
# dbus-run-session the stages run directly and keychain tests fail with a clear message.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Every test talks to loopback only, and WebRTC gathers candidates on every interface: run the
# whole suite in a private network namespace whose only interface is `lo` (as root `unshare -n`;
# otherwise inside a user namespace, `unshare -rn`). Where namespaces are not allowed the suite
# runs in the host's network, which WebRTC on loopback still works in.
if [[ "${EARSHOT_TEST_NETNS:-}" != 1 ]] && command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1; then
  netns=(unshare -n)
  if [[ $EUID -ne 0 ]]; then netns=(unshare -rn); fi
  if "${netns[@]}" true 2>/dev/null; then
    status=0
    EARSHOT_TEST_NETNS=1 "${netns[@]}" bash -c 'ip link set lo up && exec bash "$0" "$@"' "${BASH_SOURCE[0]}" "$@" || status=$?
    exit "$status"
  fi
  echo "run-all: cannot create a network namespace; running in the host network" >&2
fi

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
  echo "run-all: test keychain unlocked (gnome-keyring, private D-Bus session)" >&2
else
  echo "run-all: no gnome-keyring-daemon; the keychain tests will fail (they need a Secret Service)" >&2
fi

export PATH="$PWD/node_modules/.bin:$PATH"

# `npm start` rebuilds the native modules for Electron's ABI; the tests load them in Node: rebuilt
# only when they do not load here (tools/native-modules.mjs; bench runs through this script too).
node tools/native-modules.mjs
# Chromium (e2e) need not start the accessibility bus in the private session.
export NO_AT_BRIDGE=1

# `bash tests/run-all.sh <command…>` runs just that command in the same sandbox (namespace,
# D-Bus session, keyring), e.g. `bash tests/run-all.sh npx vitest run tests/unit/store`.
if (($# > 0)); then exec "$@"; fi

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

# Both read the whole tree on one core each: side by side on the two cores of a CI machine.
together() {
  local dir names=("$@") pids=() status=0 i code
  # In the sandbox's scratch folder (XDG_RUNTIME_DIR), which goes with it however the run ends.
  dir="$(mktemp -d "${XDG_RUNTIME_DIR:-${TMPDIR:-/tmp}}/earshot-checks.XXXXXX")"
  for i in "${!names[@]}"; do
    npm run --silent "${names[$i]}" >"$dir/$i.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!names[@]}"; do
    code=0
    wait "${pids[$i]}" || code=$?
    printf -- '--- %s (exit %s)\n' "${names[$i]}" "$code"
    cat "$dir/$i.log"
    if ((code != 0)); then status=$code; fi
  done
  rm -rf "$dir"
  return "$status"
}

stage 'typecheck+lint' together typecheck lint
stage unit+integration vitest run
stage e2e playwright test

printf '\n'
printf '%s\n' "${summary[@]}"
echo "run-all: all stages passed"
