#!/usr/bin/env bash
# A release rehearsal: builds, in a copy of the tree set to a release version, the bundle that
# `./mvnw -Prelease deploy` uploads to the Central Portal, without uploading it, then checks that the
# bundle holds what Central requires for every published module and nothing of the unpublished ones.
# Needs no credentials: the artifacts are signed with a throwaway key made for the run (--no-sign:
# -Dgpg.skip instead), the upload goes to a closed local port and fails once the bundle is written.
#
#   .ci/release-dry-run.sh [--no-sign] [version] [extra Maven arguments, e.g. -Pbenchmarks; not -o: the plugin skips offline]
#
# The bundle is left in target/release-dry-run/central-bundle.zip and its content is printed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

sign=true
if [[ "${1:-}" == "--no-sign" ]]; then
  sign=false
  shift
fi
snapshot="$(sed -n 's|^\t<version>\(.*\)</version>$|\1|p' "$root/pom.xml" | head -1)"
version="${snapshot%-SNAPSHOT}"
if [[ $# -gt 0 && "$1" != -* ]]; then
  version="$1"
  shift
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/tree"
tar -C "$root" --exclude=./.git --exclude=target -cf - . | tar -C "$work/tree" -xf -
find "$work/tree" -name pom.xml -exec sed -i "s|<version>$snapshot</version>|<version>$version</version>|" {} +

cat >"$work/settings.xml" <<'EOF'
<settings>
	<localRepository>${user.home}/.m2/repository</localRepository>
	<servers>
		<server>
			<id>central</id>
			<username>dry-run</username>
			<password>dry-run</password>
		</server>
	</servers>
</settings>
EOF

signing=(-Dgpg.skip)
if $sign; then
  export GNUPGHOME="$work/gnupg"
  mkdir -m 700 "$GNUPGHOME"
  gpg --batch --quiet --passphrase '' --quick-gen-key 'lark-approval-bot release dry run <dry-run@example.invalid>' \
    ed25519 sign never
  signing=()
fi

# Port 9 (discard) is closed here: the plugin writes the bundle, then its upload is refused.
echo "Building $version in $work/tree ..."
set +e
(cd "$work/tree" && ./mvnw -B -ntp -s "$work/settings.xml" -Prelease deploy -DskipTests -Dmaven.install.skip=true \
  -DcentralBaseUrl=http://127.0.0.1:9 "${signing[@]}" "$@") >"$work/build.log" 2>&1
set -e
bundle="$work/tree/target/central-publishing/central-bundle.zip"
if [[ ! -f "$bundle" ]]; then
  tail -40 "$work/build.log"
  echo "FAILED: no bundle was built (log above)" >&2
  exit 1
fi
mkdir -p "$root/target/release-dry-run"
cp "$bundle" "$root/target/release-dry-run/central-bundle.zip"
cp "$work/build.log" "$root/target/release-dry-run/build.log"

python3 - "$bundle" "$work/tree" "$version" "$sign" <<'EOF'
import re, sys, zipfile, pathlib
bundle, tree, version, sign = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "true"
names = sorted(zipfile.ZipFile(bundle).namelist())
files = set(n for n in names if not n.endswith("/"))
print("\n".join(names))

def text(pom, tag):
    m = re.search(rf"^\t<{tag}>(.*?)</{tag}>", pom, re.M)
    return m.group(1) if m else None

def modules(directory):
    yield directory / "pom.xml"
    for module in re.findall(r"<module>(.*?)</module>", (directory / "pom.xml").read_text()):
        yield from modules(directory / module)

published, unpublished = {}, []
for pom_file in modules(tree):
    pom = pom_file.read_text()
    artifact = text(pom, "artifactId")
    group = text(pom, "groupId") or "io.github.larkapprovalbot"
    if "<maven.deploy.skip>true</maven.deploy.skip>" in pom:
        unpublished.append(artifact)
    else:
        published[artifact] = (group, text(pom, "packaging") or "jar")

problems = []
for artifact, (group, packaging) in published.items():
    base = f"{group.replace('.', '/')}/{artifact}/{version}/{artifact}-{version}"
    wanted = [".pom"] + ([".jar", "-sources.jar", "-javadoc.jar"] if packaging == "jar" else [])
    for suffix in wanted:
        for extra in [""] + [".md5", ".sha1"] + ([".asc"] if sign else []):
            if base + suffix + extra not in files:
                problems.append("missing " + base + suffix + extra)
for artifact in unpublished:
    if any(f"/{artifact}/" in n for n in names):
        problems.append("unpublished module in the bundle: " + artifact)

print()
print("published:", ", ".join(sorted(published)))
print("left out:", ", ".join(sorted(unpublished)))
if problems:
    print("\n".join(problems))
    sys.exit("FAILED: the bundle is incomplete")
print(f"OK: {len(files)} files, every published module has its pom"
      + (", jar, sources and javadoc" if published else "") + (", signatures" if sign else "")
      + " and checksums; no unpublished module")
EOF
