#!/usr/bin/env bash
# Mutation testing with gremlins v0.6.0: each package's own tests against the mutants
# of its code, one package at a time, then the efficacy table.
#
#   scripts/mutation.sh [package ...]    # default: every internal/ package with tests; commands too (cmd/build)
#
# Settings: gremlins' default mutators plus --invert-logical and --invert-loopctrl,
# one worker, timeout coefficient 10. Efficacy = killed ÷ (killed + lived). Lived
# mutants listed in scripts/mutation-accepted.txt (each with its reason) are counted
# as accepted, not lived, and printed with their reasons.
#
# Environment:
#   GREMLINS   the gremlins binary (default: gremlins on PATH, else $(go env GOPATH)/bin/gremlins);
#              install with: go install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0
#   OUT        where the JSON reports and logs go (default: a new /tmp/mutation.XXXXXX)
#   TABLE_ONLY set to 1 to print the table from the reports already in OUT
#   EXCLUDE    a regexp of files to leave out of this run (gremlins -E), with PART naming
#              the run: a big package can be measured in parts, e.g.
#              EXCLUDE='(fit|rating)\.go$' PART=core, then EXCLUDE='(changes|compute|…)\.go$' PART=fit;
#              the reports of all parts of a package are added up in the table
#
# It is slow (minutes per package on 2 cores) and is not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

gremlins=${GREMLINS:-$(command -v gremlins || echo "$(go env GOPATH)/bin/gremlins")}
out=${OUT:-$(mktemp -d /tmp/mutation.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
	for d in internal/*/; do
		ls "$d"*_test.go >/dev/null 2>&1 && pkgs+=("${d%/}")
	done
fi

if [ "${TABLE_ONLY:-}" != 1 ]; then
	[ -x "$gremlins" ] || { echo "no gremlins at $gremlins; go install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0" >&2; exit 2; }
	v=$(go version -m "$gremlins" | awk '$1 == "mod" {print $3}')
	[ "$v" = v0.6.0 ] || echo "warning: $gremlins is gremlins ${v:-of unknown version}, not v0.6.0" >&2
	# gremlins reads each file when it reaches its mutants: run on a snapshot of the
	# tree (tracked and new files, as they are now), so that editing, checking out or
	# rebasing during a run cannot mix two versions of the code.
	snap=$(mktemp -d /tmp/mutation-tree.XXXXXX)
	trap 'rm -rf "$snap"' EXIT
	git ls-files -co --exclude-standard -z | tar -cf - --null --ignore-failed-read -T - 2>/dev/null | tar -xf - -C "$snap"
	for p in "${pkgs[@]}"; do
		p=${p#./}
		p=${p%/}
		# gremlins v0.6.0 finds a mutant's package by looking for a folder named like
		# the package: for a command (package main) it finds none and tests the module's
		# root instead, so every mutant "lives". In the snapshot, a command's files are
		# renamed to the package of its folder (cmd/build: package build); main() is then
		# an ordinary function and the tests run the same code.
		base=$(basename "$p")
		if grep -qx 'package main' "$snap/$p"/*.go 2>/dev/null; then
			[[ $base =~ ^[a-z][a-z0-9_]*$ ]] || { echo "cannot rename package main of $p for gremlins" >&2; exit 1; }
			sed -i "s/^package main\$/package $base/" "$snap/$p"/*.go
		fi
		mkdir -p "$out/$(dirname "$p")"
		name=$p${PART:+@$PART}
		echo "== $name ($(date -u +%H:%M:%S))" >&2
		(cd "$snap" && "$gremlins" unleash --invert-logical --invert-loopctrl --workers 1 --timeout-coefficient 10 \
			${EXCLUDE:+-E "$EXCLUDE"} -o "$out/$name.json" "./$p") >"$out/$name.log" 2>&1 ||
			{ echo "gremlins failed on $p; see $out/$name.log" >&2; tail -5 "$out/$name.log" >&2; exit 1; }
	done
fi
echo "reports in $out" >&2
go run ./scripts/mutation -accepted scripts/mutation-accepted.txt "$out"
