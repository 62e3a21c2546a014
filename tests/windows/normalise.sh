#!/usr/bin/env bash
# What Windows spells differently and kst does not decide, taken out of both outputs before kst.exe's is
# compared with the Linux kst's (tests/windows/kst_both.sh): CRLF line ends; Wine's Z: drive (the Linux root)
# before a path, with or without the \\?\ of an extended-length path; a backslash between two name characters (one, or two as JSON escapes it), which a Windows
# path has where the Linux one has a slash. And, as tests/e2e/run_output_identity.sh does, the run's time and
# memory, which differ from run to run on one system too; the check time when it defaults to now (the two
# runs can fall in different seconds); and the build line of --version (Release, g++ 12-posix for kst.exe).
# Both sides go through the same rewriting.
sed -E -e 's/\r$//' -e 's/(\\\\\?\\)?[Zz]:(\\\\?|\/)/\//g' \
  -e ':again' -e 's/([A-Za-z0-9_.~-])\\\\?([A-Za-z0-9_.~-])/\1\/\2/g' -e 't again' \
  -e 's/(^|[ ("=])\\\\?([A-Za-z0-9_.~-])/\1\/\2/g' \
  -e "s/(\"checked_at\": \"|^checked at: )$(date -u +%Y-%m-%d)T[0-9:]+Z/\1<now>/" -e 's/^build .*/build <build>/' \
  -e 's/, [0-9.e+-]+ s, peak RSS [0-9]+ MiB$/, <time>, <memory>/' -e 's/"(seconds|peak_rss_kib)": [0-9.e+-]+/"\1": 0/g'
