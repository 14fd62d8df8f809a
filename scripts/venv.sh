#!/usr/bin/env bash
# Creates .venv when missing and reinstalls requirements.txt only when its content changed.
# Tạo .venv khi chưa có và chỉ cài lại requirements.txt khi nội dung tệp thay đổi.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
STAMP="$VENV/.requirements.sha256"

say() { printf '\n==> %s\n    %s\n' "$1" "$2"; }
die() { printf '\n!!! %s\n    %s\n' "$1" "$2" >&2; exit 1; }

command -v "$PYTHON" >/dev/null 2>&1 \
  || die "Không tìm thấy $PYTHON. Cài Python 3.11 trở lên." \
         "$PYTHON not found. Install Python 3.11 or newer (or run: make PYTHON=/path/to/python3.11 ...)."
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "Cần Python 3.11 trở lên; $PYTHON là $("$PYTHON" -V 2>&1)." \
         "Python 3.11 or newer is required; $PYTHON is $("$PYTHON" -V 2>&1). Use make PYTHON=python3.11 ..."

# A venv whose interpreter no longer starts (moved folder, removed Python) or is older
# than 3.11 is rebuilt.
if [ -d "$VENV" ] && ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
  say "Môi trường ảo $VENV bị hỏng, tạo lại." "The virtualenv $VENV is broken; recreating it."
  rm -rf "$VENV"
fi

if [ ! -x "$VENV/bin/python" ]; then
  say "Tạo môi trường ảo Python tại $VENV ($("$PYTHON" -V 2>&1))" \
      "Creating the Python virtualenv in $VENV ($("$PYTHON" -V 2>&1))"
  "$PYTHON" -m venv "$VENV" \
    || die "Không tạo được venv. Trên Debian/Ubuntu: apt-get install python3-venv" \
           "Could not create the venv. On Debian/Ubuntu: apt-get install python3-venv"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip 2>&1 | { grep -v "^WARNING: Location 'file:" || true; }
fi

# The stamp holds a hash of requirements.txt and the interpreter version of the last install.
wanted="$("$VENV/bin/python" - <<'PY'
import hashlib, sys
with open("requirements.txt", "rb") as fh:
    print(hashlib.sha256(fh.read()).hexdigest(), "%d.%d" % sys.version_info[:2])
PY
)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ]; then
  printf '==> Thư viện đã cập nhật (%s) / Dependencies up to date\n' "$VENV"
  exit 0
fi

say "Cài thư viện từ requirements.txt (lần đầu mất vài phút)" \
    "Installing requirements.txt (the first time takes a few minutes)"
# Some machines list local package mirrors in pip.conf; pip warns once per package that a
# mirror lacks it. Those lines say nothing about this project, so they are dropped.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 \
  | { grep -v "^WARNING: Location 'file:" || true; }
printf '%s\n' "$wanted" > "$STAMP"
printf '==> Đã cài xong / Dependencies installed\n'
