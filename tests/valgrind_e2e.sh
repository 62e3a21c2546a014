#!/usr/bin/env bash
# make test-valgrind: the end-to-end suites that drive the explorer and the
# importers, with every kst run under valgrind's memcheck. Any memory error or
# definite leak makes that kst run exit 99, which fails its suite.
#
# Usage: valgrind_e2e.sh /path/to/kst /path/to/repo
set -u
kst=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$2" && pwd)
wrapper=$(mktemp -d)/kst
trap 'rm -rf "$(dirname "$wrapper")"' EXIT
cat >"$wrapper" <<WRAP
#!/usr/bin/env bash
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
  --show-leak-kinds=definite "$kst" "\$@"
WRAP
chmod +x "$wrapper"
status=0
for suite in run_scenarios run_malformed run_import run_cli; do
  echo "== $suite under valgrind"
  bash "$repo/tests/e2e/$suite.sh" "$wrapper" "$repo" || status=1
done
bash "$repo/tests/e2e/run_malformed.sh" "$wrapper" "$repo" tests/import_inputs/lync/malformed || status=1
exit $status
