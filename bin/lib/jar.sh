# Sourced by the launchers under bin/: the shaded jar and the classpath files Maven writes beside it,
# rebuilt when one is missing or older than the sources. Expects $home (the checkout's root).
jar="$home/jobs/target/revattr-0.1.0-SNAPSHOT.jar"
classpath_file="$home/jobs/target/embedded-classpath.txt"
cluster_spark_classpath_file="$home/jobs/target/cluster-spark-classpath.txt"
cluster_delta_jars_file="$home/jobs/target/cluster-delta-jars.txt"

jar_stale() {
  local f
  for f in "$jar" "$classpath_file" "$cluster_spark_classpath_file" "$cluster_delta_jars_file"; do
    [ -f "$f" ] || return 0
  done
  [ -n "$(find "$home/pom.xml" "$home/common" "$home/jobs/pom.xml" "$home/jobs/src" "$home/conf" \
      -newer "$jar" -type f ! -path '*/target/*' -print -quit 2>/dev/null)" ]
}

# Builds the jar when stale. REVATTR_NO_BUILD=1 (set by the build's own integration tests) never
# builds: the jar must then exist.
ensure_jar() {
  if [ "${REVATTR_NO_BUILD:-}" = 1 ]; then
    [ -f "$jar" ] || { echo "revattr: $jar is missing (REVATTR_NO_BUILD=1)" >&2; return 1; }
    return 0
  fi
  if jar_stale; then
    echo "revattr: building the jar (first run or sources changed; takes a minute)..." >&2
    (cd "$home" && ./mvnw -B -q -DskipTests -Dcheckstyle.skip -Dspotless.check.skip=true package) >&2
  fi
}

# The JVM options every Spark JVM needs on Java 17, one array element each.
read_jvm_options() {
  mapfile -t jvm_options < <(grep -v '^\s*#' "$home/conf/jvm-options" | grep -v '^\s*$')
}
