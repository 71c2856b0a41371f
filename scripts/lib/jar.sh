# Sourced by the launcher scripts: builds a module's runnable jar when it is missing or older
# than any source it is built from, then leaves its path in $VACME_JAR.
# Usage: vacme_ensure_jar MODULE JAR_NAME
vacme_ensure_jar() {
    local module=$1 jar_name=$2
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    VACME_JAR="$root/$module/target/$jar_name"
    if [ ! -f "$VACME_JAR" ] || [ -n "$(find "$root/pom.xml" "$root/common/pom.xml" "$root/common/src/main" \
            "$root/$module/pom.xml" "$root/$module/src/main" -newer "$VACME_JAR" -print -quit 2>/dev/null)" ]; then
        command -v mvn >/dev/null || { echo "$jar_name is not built and Maven (mvn) is not installed" >&2; return 1; }
        echo "building $jar_name ..." >&2
        (cd "$root" && mvn -B -q -DskipTests -pl "$module" -am package) >&2 \
            || { echo "building $jar_name failed" >&2; return 1; }
    fi
}
