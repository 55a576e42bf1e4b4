#!/usr/bin/env python3
"""Checks that every workspace package declares a `rust-version` no older than
what its dependencies declare, with all features on: the normal and build
dependencies it pulls in transitively, and its own dev-dependencies (which its
tests and examples need). Only one toolchain exists on the CI machine, so the
declared versions of the resolved dependencies are the evidence."""
import json
import subprocess
import sys


def version_key(v):
    return tuple(int(part) for part in v.split("."))


meta = json.loads(
    subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
)
packages = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}


def kinds(dep):
    return {k["kind"] for k in dep["dep_kinds"]}


def closure(start, with_dev):
    seen, stack = set(), []
    for dep in nodes[start]["deps"]:
        if kinds(dep) & {None, "build"} or (with_dev and "dev" in kinds(dep)):
            stack.append(dep["pkg"])
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        stack.extend(d["pkg"] for d in nodes[pid]["deps"] if kinds(d) & {None, "build"})
    return seen


failed = False
for member in meta["workspace_members"]:
    pkg = packages[member]
    declared = pkg.get("rust_version")
    if not declared:
        print(f"{pkg['name']}: no rust-version")
        failed = True
        continue
    needs = max(
        ((packages[d].get("rust_version") or "0", packages[d]["name"]) for d in closure(member, True)),
        key=lambda t: version_key(t[0]),
        default=("0", "nothing"),
    )
    ok = version_key(declared) >= version_key(needs[0])
    print(f"{pkg['name']}: rust-version {declared}, dependencies need {needs[0]} ({needs[1]}){'' if ok else '  <-- too old'}")
    failed |= not ok
sys.exit(1 if failed else 0)
