# shellcheck shell=bash
# Third-party Python tools the checks run (scim2-server, mitmproxy, selenium …), each pinned and
# installed into a virtual environment of its own under target/, never system-wide; and free
# local ports to start them on. Sourced; uses PY (default python3).

# pip_tool VENV PACKAGE VERSION: installs PACKAGE==VERSION into VENV unless it is there already.
pip_tool() {
  local venv="$1" package="$2" version="$3" py="${PY:-python3}"
  if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('$package') != '$version')" 2>/dev/null; then
    printf 'installing %s==%s into %s\n' "$package" "$version" "$venv"
    "$py" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$package==$version"
  fi
}

# A TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
  "${PY:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
