#!/usr/bin/env bash
# Reproducible builds: builds the published modules twice, each in its own copy of the tree (so at another
# path), under another time zone, umask and JVM locale, with the release profile's jars (classes, sources,
# javadoc; no signing), and compares the sha256 of every jar. Prints each jar with its verdict; when one
# differs, the entries that differ, and exits 1. The javadoc runs fail on any warning, so this checks the
# public API's javadoc as well.
#
#   .ci/reproducible-build.sh [extra Maven arguments, e.g. -o]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# The published modules: every module of the root pom whose pom does not set maven.deploy.skip.
modules=()
for module in $(sed -n 's|^\t\t<module>\(.*\)</module>$|\1|p' "$root/pom.xml"); do
  if ! grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$root/$module/pom.xml"; then
    modules+=("$module")
  fi
done
list="$(IFS=,; echo "${modules[*]}")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build() {
  local copy="$work/$1" zone="$2" mask="$3"
  shift 3
  mkdir -p "$copy"
  tar -C "$root" --exclude=./.git --exclude=target -cf - . | tar -C "$copy" -xf -
  echo "build $(basename "$copy"): TZ=$zone, umask $mask, ${JAVA_TOOL_OPTIONS:-default JVM locale}, in $copy"
  (cd "$copy" && umask "$mask" && TZ="$zone" ./mvnw -B -ntp -q -Prelease -Dgpg.skip -DskipTests -pl "$list" \
    package "$@") || { echo "FAILED: build $(basename "$copy")" >&2; exit 1; }
}
build first UTC 022 "$@"
JAVA_TOOL_OPTIONS="-Duser.language=zh -Duser.country=CN" build second Asia/Shanghai 002 "$@"

status=0
for module in "${modules[@]}"; do
  for jar in "$work/first/$module"/target/*.jar; do
    [[ -e "$jar" ]] || continue
    name="${jar#"$work/first/"}"
    other="$work/second/$name"
    if [[ ! -f "$other" ]]; then
      echo "MISSING  $name (not built the second time)"
      status=1
    elif [[ "$(sha256sum <"$jar")" == "$(sha256sum <"$other")" ]]; then
      echo "same     $(sha256sum <"$jar" | cut -c1-16)  $name"
    else
      echo "DIFFERS  $name"
      python3 - "$jar" "$other" <<'EOF'
import sys, zipfile
a, b = (zipfile.ZipFile(f) for f in sys.argv[1:3])
ia = {i.filename: i for i in a.infolist()}
ib = {i.filename: i for i in b.infolist()}
if list(ia) != list(ib):
    print("         entries differ in name or order:", sorted(set(ia) ^ set(ib))[:10] or "order")
for name in ia.keys() & ib.keys():
    x, y = ia[name], ib[name]
    for field in ("CRC", "date_time", "external_attr", "extra", "compress_type"):
        if getattr(x, field) != getattr(y, field):
            print(f"         {name}: {field} {getattr(x, field)} / {getattr(y, field)}")
EOF
      status=1
    fi
  done
done
if [[ $status -eq 0 ]]; then
  echo "REPRODUCIBLE: both builds gave identical jars for ${list//,/, } (${SECONDS} s)"
else
  echo "NOT REPRODUCIBLE" >&2
fi
exit $status
