#!/usr/bin/env bash
# The browser tests drive Debian's chromium. Install it when missing and we are root;
# otherwise say loudly that the browser tests will be skipped.
set -u
# Cyrillic fonts for the PDF report (WeasyPrint) and the PNG charts (Pillow).
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing fonts-dejavu-core for Cyrillic PDFs and charts…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
fi
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
fi
echo "###########################################################################"
echo "# /usr/bin/chromium is missing and cannot be installed here:             #"
echo "# THE BROWSER TESTS WILL BE SKIPPED. Install Debian's 'chromium' package. #"
echo "###########################################################################"
exit 0
