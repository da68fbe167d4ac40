#!/usr/bin/env bash
# Runs a command with a private, unlocked GNOME Keyring (a real Secret Service) on a private D-Bus
# session bus, so the keychain tests never touch the developer's own keyring.
#
#   bash dev/scripts/with-keyring.sh <command> [args...]
#
# The bus, the keyring daemon and anything D-Bus activates get a scratch HOME / XDG_* dirs (under
# mktemp -d, removed at exit) and no DISPLAY, so no unlock prompt can pop up on the desktop. The command
# itself gets the caller's HOME, XDG_* and DISPLAY back (npm config, browser caches) and only sees the
# private bus through DBUS_SESSION_BUS_ADDRESS.
#
# Exports TRAYTUNE_TEST_KEYRING=1 when the keyring is up, else TRAYTUNE_TEST_KEYRING=0 and
# TRAYTUNE_TEST_KEYRING_REASON. Without dbus-run-session / gnome-keyring-daemon, or when the keyring does
# not come up: under CI=true it fails; otherwise it says so and runs the command anyway (keychain tests skip).
set -euo pipefail

SAVED_VARS=(HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR DISPLAY WAYLAND_DISPLAY)
KEYRING_PASSWORD=traytune-test # guards a throwaway keyring in a scratch dir

note() { echo "with-keyring: $*" >&2; }

# Without a keyring: fail under CI, else run the command with the reason exported.
without_keyring() {
  local reason=$1
  shift
  if [[ ${CI:-} == true ]]; then
    note "error: $reason. CI must run the keychain tests."
    exit 1
  fi
  note "$reason; keychain tests will be skipped."
  export TRAYTUNE_TEST_KEYRING=0 TRAYTUNE_TEST_KEYRING_REASON="$reason"
  "$@"
}

# Second stage, on the private bus: start and unlock the keyring, then run the command.
if [[ ${1-} == --inside-bus ]]; then
  shift
  scratch=$1
  shift
  exec 2>&3 3>&- # the command's stderr is the caller's; the bus daemon's chatter stays in the log
  : >"$scratch/inside-bus"
  export TRAYTUNE_TEST_DBUS=1 # this bus is private: the D-Bus tests may claim MPRIS names on it
  unset GNOME_KEYRING_CONTROL
  daemon_pid=
  # --unlock reads the password on stdin and creates the login keyring (the default collection) if missing.
  if out=$(printf '%s' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets 2>>"$scratch/keyring.log"); then
    while IFS= read -r line; do
      if [[ $line =~ ^[A-Z_]+=.+ ]]; then export "${line?}"; fi
    done <<<"$out"
    # The daemon claims org.freedesktop.secrets as it starts; its owner's pid proves it is up.
    for _ in $(seq 50); do
      daemon_pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>>"$scratch/keyring.log" |
        sed -n 's/.*uint32 \([0-9][0-9]*\).*/\1/p') || true
      [[ -z $daemon_pid ]] || break
      sleep 0.1
    done
  fi
  if [[ -n $daemon_pid ]]; then
    export TRAYTUNE_TEST_KEYRING=1
    unset TRAYTUNE_TEST_KEYRING_REASON
  fi
  # Give the command the caller's environment back (the bus address stays private).
  for name in "${SAVED_VARS[@]}"; do
    saved=TRAYTUNE_SAVED_$name
    if [[ -n ${!saved+set} ]]; then export "$name=${!saved}"; else unset "$name"; fi
    unset "$saved"
  done
  status=0
  if [[ -n $daemon_pid ]]; then
    "$@" || status=$?
    # Stop the daemon we started before the scratch dir goes (it would also exit with the bus).
    kill "$daemon_pid" 2>/dev/null || true
    for _ in $(seq 50); do
      [[ -d /proc/$daemon_pid ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$daemon_pid/status" 2>/dev/null || break
      sleep 0.1
    done
  else
    sed 's/^/  /' "$scratch/keyring.log" >&2 || true
    without_keyring 'gnome-keyring-daemon did not start a Secret Service on the private bus' "$@" || status=$?
  fi
  exit "$status"
fi

if [[ $# -eq 0 ]]; then
  echo "usage: bash dev/scripts/with-keyring.sh <command> [args...]" >&2
  exit 2
fi

missing=()
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  status=0
  without_keyring "${missing[*]} not found (Debian: apt-get install dbus gnome-keyring)" "$@" ||
    status=$?
  exit "$status"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/traytune-keyring.XXXXXX")
trap 'rm -rf "$scratch" 2>/dev/null || true' EXIT
mkdir -m 700 "$scratch/home" "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/runtime"

for name in "${SAVED_VARS[@]}"; do
  if [[ -n ${!name+set} ]]; then export "TRAYTUNE_SAVED_$name=${!name}"; fi
done

status=0
# fd 3 carries the caller's stderr to the command; dbus-daemon's own stderr goes to a log.
env -u DISPLAY -u WAYLAND_DISPLAY -u GNOME_KEYRING_CONTROL -u DBUS_SESSION_BUS_ADDRESS \
  HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime" \
  dbus-run-session -- bash "${BASH_SOURCE[0]}" --inside-bus "$scratch" "$@" 3>&2 2>"$scratch/bus.log" || status=$?

if [[ ! -e $scratch/inside-bus ]]; then
  # dbus-run-session itself failed, so the command never ran.
  sed 's/^/  /' "$scratch/bus.log" >&2 || true
  for name in "${SAVED_VARS[@]}"; do unset "TRAYTUNE_SAVED_$name"; done
  status=0
  without_keyring 'dbus-run-session could not start a private session bus' "$@" || status=$?
fi
exit "$status"
