#!/usr/bin/env sh
# Print the path of a Python >= 3.12 (pyodide-build needs it), found by *running*
# each candidate: on these machines python3.12/python3.13 on PATH may be pyenv
# shims that exist but fail unless a version is selected.
pyenv_versions=$(ls -d "$(pyenv root 2>/dev/null)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV)
for candidate in python3.14 python3.13 python3.12 python3 $pyenv_versions; do
  path=$("$candidate" -c 'import sys; print(sys.executable) if sys.version_info >= (3, 12) else sys.exit(1)' 2>/dev/null) \
    && { echo "$path"; exit 0; }
done
echo "No Python 3.12 or newer found (tried python3.14, python3.13, python3.12, python3 and pyenv's versions)." >&2
echo "Install one (e.g. apt-get install python3.12, or pyenv install 3.12) and run make again." >&2
exit 1
