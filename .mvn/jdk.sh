# Sourced by ./mvnw, ./warden and .ci/run: Warden targets JDK 25, and many machines default to an
# older java. Keep a JAVA_HOME that already is 25+, otherwise pick the newest JDK >= 25 we can find.
warden_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(warden_java_major "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
  for candidate in /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/java-2[5-9]* /usr/lib/jvm/jdk-2[5-9]* /opt/java/openjdk; do
    if [ -x "$candidate/bin/java" ] && [ "$(warden_java_major "$candidate")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(warden_java_major "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
  echo "warden: JDK 25 or newer is required; set JAVA_HOME to one (found: ${JAVA_HOME:-none})" >&2
  exit 2
fi
