# Sourced by the scripts in jobs/. usage EXIT-CODE prints the calling script's header comment from its "# Usage:"
# line up to (not including) its "# Environment:" line, to stdout for exit code 0 and to stderr otherwise, and exits.
usage() {
  local text
  text="$(sed -n '/^# Usage:/,/^# Environment:/p' "${BASH_SOURCE[1]}" | sed '$d; s/^# \{0,1\}//')"
  if [ "$1" -eq 0 ]; then echo "$text"; else echo "$text" >&2; fi
  exit "$1"
}
