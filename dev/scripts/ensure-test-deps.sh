#!/usr/bin/env bash
# Makes sure the system parts the tests use are present: Debian's Chromium (Playwright drives it), and
# D-Bus + gnome-keyring (a real Secret Service for the keychain tests). Installs them with apt when run
# as root; otherwise prints the command to run.
set -euo pipefail
packages=(chromium dbus dbus-x11 gnome-keyring libsecret-tools xvfb p7zip-full)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: not a Debian/Ubuntu machine; install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-test-deps: missing ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "ensure-test-deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
