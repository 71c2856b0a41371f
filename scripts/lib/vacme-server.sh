# Sourced by the benchmark scripts: runs the built vacme-server.jar in a scratch directory on free
# loopback ports, validating http-01 on 127.0.0.1 for every name below .test, as the client's
# integration tests do.
#   vacme_server_start DIR   starts it and waits until it is running; sets VACME_SERVER_URL (the
#                            directory URL), VACME_SERVER_CA (its root, PEM), VACME_HTTP_PORT (where
#                            it validates http-01) and VACME_SERVER_PID
#   vacme_server_stop        stops it
#   free_port                prints a free TCP port on 127.0.0.1

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

vacme_server_start() {
    local dir=$1 root port i
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    port=$(free_port)
    VACME_HTTP_PORT=$(free_port)
    mkdir -p "$dir"
    java -jar "$root/acme-server/target/vacme-server.jar" --data-dir "$dir/data" --listen "127.0.0.1:$port" \
        --http01-port "$VACME_HTTP_PORT" --resolve '*.test=127.0.0.1' --allow-validation-to 127.0.0.0/8 \
        > "$dir/server.log" 2>&1 &
    VACME_SERVER_PID=$!
    for i in $(seq 1 600); do
        grep -q 'is running' "$dir/server.log" 2>/dev/null && break
        kill -0 "$VACME_SERVER_PID" 2>/dev/null || { cat "$dir/server.log" >&2; return 1; }
        sleep 0.1
    done
    grep -q 'is running' "$dir/server.log" || { echo "the Vacme server did not start" >&2; return 1; }
    VACME_SERVER_URL="https://localhost:$port/directory"
    VACME_SERVER_CA="$dir/data/ca/root.pem"
}

vacme_server_stop() {
    if [ -n "${VACME_SERVER_PID:-}" ]; then
        kill "$VACME_SERVER_PID" 2>/dev/null || true
        wait "$VACME_SERVER_PID" 2>/dev/null || true
        VACME_SERVER_PID=
    fi
}
