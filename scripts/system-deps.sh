#!/usr/bin/env bash
# Installs the Debian packages the tests and `bbm draft --pdf` need, when missing:
# python3-venv (to make the virtual environment), LibreOffice Writer (PDF
# conversion; the real client our .docx files must open in), poppler-utils
# (pdftotext, to read PDFs back in tests) and the Carlito/Caladea fonts
# (metric-compatible with Calibri/Cambria, so pages do not reflow).
set -euo pipefail

need=()
python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi carlito || need+=(fonts-crosextra-carlito fonts-crosextra-caladea)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: ${need[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
