#!/usr/bin/env bash
# Adds every symbol that RS0016 reports to its project's PublicAPI.Unshipped.txt and drops the ones RS0017
# reports as removed, then rebuilds until the public API files agree with the code.
# Usage: eng/update-public-api.sh [project-or-solution]   (default: CustomerCore.sln)
set -euo pipefail
target=${1:-CustomerCore.sln}
for round in 1 2 3; do
  log=$(mktemp)
  dotnet build "$target" -c Release --no-incremental -p:TreatWarningsAsErrors=false 2>&1 > "$log" || true
  python3 - "$log" <<'PY'
import re, sys, pathlib
added = {}; removed = {}
for line in open(sys.argv[1], encoding='utf-8'):
    m = re.search(r"(RS0016|RS0017): Symbol '(.+?)' is (?:not part of the declared public API|part of the declared API, but is either not public or could not be found).*\[(.+?\.csproj)\]", line)
    if not m: continue
    code, sym, proj = m.groups()
    (added if code == 'RS0016' else removed).setdefault(proj, set()).add(sym)
for proj in set(added) | set(removed):
    f = pathlib.Path(proj).parent / 'PublicAPI.Unshipped.txt'
    lines = f.read_text(encoding='utf-8').splitlines() if f.exists() else ['#nullable enable']
    header = [l for l in lines if l.startswith('#')] or ['#nullable enable']
    body = {l for l in lines if l and not l.startswith('#')}
    body |= added.get(proj, set())
    body -= removed.get(proj, set())
    f.write_text('\n'.join(header + sorted(body, key=str.lower)) + '\n', encoding='utf-8')
    print(f"{f}: +{len(added.get(proj, ()))} -{len(removed.get(proj, ()))}")
PY
  if ! grep -qE "RS001[67]" "$log"; then rm -f "$log"; echo "public API files are up to date"; exit 0; fi
  rm -f "$log"
done
