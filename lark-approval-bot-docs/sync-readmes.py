#!/usr/bin/env python3
"""Pastes each source file named by a `<!-- source: path -->` line into the code block that follows it, in
README.md and README.zh-CN.md. The sources are the master; ReadmeSnippetsTests fails when a block differs."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
MARKER = re.compile(r"<!-- source: (\S+) -->")

for name in ("README.md", "README.zh-CN.md"):
    readme = ROOT / name
    if not readme.exists():
        continue
    lines = readme.read_text(encoding="utf-8").split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        marker = MARKER.fullmatch(line.strip())
        if not marker:
            continue
        while i < len(lines) and not lines[i].startswith("```"):
            out.append(lines[i])
            i += 1
        out.append(lines[i])  # the opening fence, language kept
        i += 1
        while lines[i] != "```":
            i += 1
        source = (ROOT / marker.group(1)).read_text(encoding="utf-8").rstrip()
        out.extend(source.split("\n"))
        out.append("```")
        i += 1
    readme.write_text("\n".join(out), encoding="utf-8")
