#!/usr/bin/env bash
# Run by the build (topology-tests, validate phase) before the tests: the observability tests run Debian's Prometheus,
# promtool, Alertmanager and amtool as plain binaries and validate docker-compose.yml with docker-compose. As root on
# Debian it installs what is missing, with Python's Kafka client for the Python example's test and weka's example
# tables for the real-data poisoning evaluation (no service is started; --no-install-recommends keeps the Docker engine out);
# otherwise it prints one line per missing tool and fails the build. LAZARET_NO_APT=1 turns the install off.
# It must stay cheap: it runs on every build.
#   .ci/test-tools.sh [MARKER]   MARKER: a file that lists the missing tools when some are (the build fails on it)
set -euo pipefail
marker="${1:-}"
[[ -n "$marker" ]] && rm -f "$marker"

tools=(prometheus promtool prometheus-alertmanager amtool docker-compose)
packages=(prometheus prometheus-alertmanager docker-compose python3-confluent-kafka python3-cryptography weka python3-statsmodels)
# RealDataPoisoningEvaluationTest reads the UCI tables that Debian's weka package ships as examples
weka_examples=/usr/share/doc/weka/examples
# RealDataRepeatedRowsTest reads the randhie table that Debian's python3-statsmodels ships
randhie=/usr/lib/python3/dist-packages/statsmodels/datasets/randhie/randhie.csv
package_of() {
    case "$1" in
        prometheus | promtool) echo prometheus ;;
        prometheus-alertmanager | amtool) echo prometheus-alertmanager ;;
        python3-kafka-client) echo "python3-confluent-kafka python3-cryptography" ;;
        weka-examples) echo weka ;;
        randhie) echo python3-statsmodels ;;
        *) echo "$1" ;;
    esac
}
python_has_kafka_client() {
    # PythonClientIT also tries Debian's own python3 when another one (pyenv, venv) comes first on the PATH
    local python
    for python in python3 /usr/bin/python3; do
        "$python" -c 'import confluent_kafka, cryptography' >/dev/null 2>&1 && return 0
    done
    return 1
}
missing_tools() {
    local tool
    for tool in "${tools[@]}"; do
        command -v "$tool" >/dev/null 2>&1 || echo "$tool"
    done
    python_has_kafka_client || echo python3-kafka-client
    [[ -r "$weka_examples/segment-challenge.arff" ]] || echo weka-examples
    [[ -r "$randhie" ]] || echo randhie
}

missing=($(missing_tools))
((${#missing[@]} == 0)) && exit 0

if [[ "$(id -u)" == 0 && -z "${LAZARET_NO_APT:-}" && -r /etc/debian_version ]] && command -v apt-get >/dev/null; then
    echo "lazaret: installing the test tools ${missing[*]} (Debian packages ${packages[*]})"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
    missing=($(missing_tools))
    ((${#missing[@]} == 0)) && exit 0
fi

for tool in "${missing[@]}"; do
    package="$(package_of "$tool")"
    if [[ "$tool" == python3-kafka-client ]]; then
        what="Python 3 with confluent_kafka and cryptography"
    elif [[ "$tool" == weka-examples ]]; then
        what="the UCI tables in $weka_examples"
    elif [[ "$tool" == randhie ]]; then
        what="the randhie table at $randhie"
    else
        what="$tool, which is not on PATH"
    fi
    line="lazaret: the tests need $what: install Debian's $package (sudo apt-get install --no-install-recommends $package)"
    echo "$line" >&2
    if [[ -n "$marker" ]]; then
        mkdir -p "$(dirname "$marker")"
        echo "$line" >>"$marker"
    fi
done
exit 1
