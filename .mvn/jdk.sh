# Sourced by ./mvnw, ./warden and .ci/run: Warden targets JDK 25, and many machines default to an
# older java. Keep a JAVA_HOME that already is 25+, otherwise pick a JDK >= 25 from the usual places.
# The version is read from the JDK's `release` file, not by starting a JVM: this runs on every launch.
warden_java_major() {
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  echo "${v:-0}"
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(warden_java_major "$JAVA_HOME")" -lt 25 ]; then
  for candidate in /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/java-2[5-9]* /usr/lib/jvm/jdk-2[5-9]* /usr/lib/jvm/*-2[5-9]-* /opt/java/openjdk; do
    if [ -x "$candidate/bin/java" ] && [ "$(warden_java_major "$candidate")" -ge 25 ]; then
      JAVA_HOME="$candidate"
      export JAVA_HOME
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(warden_java_major "$JAVA_HOME")" -lt 25 ]; then
  echo "warden: JDK 25 or newer is required; set JAVA_HOME to one (found: ${JAVA_HOME:-none})" >&2
  exit 2
fi
