#!/usr/bin/env bash
# Makes sure the "postfix" stage of `npm test` can run: Debian's postfix and dovecot-core, installed once when
# missing (as root; Postfix's own configuration is skipped, "No configuration": the tests write theirs into a
# temp folder). Exit 0: ready. Exit 3: the stage cannot run here; the last line says why and how to fix it.
set -euo pipefail
installed() { [ -x /usr/lib/postfix/sbin/master ] && [ -x /usr/sbin/dovecot ]; }
if installed; then
  if [ "$(id -u)" != 0 ]; then echo "skipped: Postfix needs root to start (run npm test as root)" >&2; exit 3; fi
  echo "setup-postfix: ready (dovecot $(/usr/sbin/dovecot --version 2>/dev/null | cut -d' ' -f1))"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "skipped: postfix and dovecot-core are not installed; as root: apt-get install postfix dovecot-core" >&2
  exit 3
fi
echo "setup-postfix: installing Debian packages postfix and dovecot-core (once)"
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postfix dovecot-core >/dev/null
installed || { echo "skipped: apt-get did not install postfix and dovecot-core" >&2; exit 3; }
echo "setup-postfix: ready"
