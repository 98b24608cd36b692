#!/bin/sh
# Runs a test command in a D-Bus session of its own with an unlocked GNOME
# Keyring (the Secret Service), in a scratch home, so the test keeps real
# tokens in a real keyring and never touches the user's.
set -eu

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT INT TERM
export HOME="$scratch/home"
export XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export LC_TEST_KEYRING=1
# Nothing else on this bus: libadwaita reads no settings portal.
export ADW_DISABLE_PORTAL=1

# The daemon makes the "login" keyring with this password, unlocked, and
# registers org.freedesktop.secrets before the test starts.
exec dbus-run-session -- sh -c '
  printf "%s" liftcheck-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' sh "$@"
