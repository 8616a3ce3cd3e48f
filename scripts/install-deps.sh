#!/usr/bin/env bash
# Installs the Debian packages Padan needs, only those missing. Used by `make demo` and `make test`.
set -euo pipefail
packages=(libicu-dev libsqlite3-dev tmux dict-freedict-eng-ind dict-freedict-deu-fra libxml2-utils vim nano postgresql libpq-dev)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "padan: please install: apt-get install ${missing[*]}" >&2
  exit 1
fi
