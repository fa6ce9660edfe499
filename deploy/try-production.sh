#!/usr/bin/env bash
# Runs README "Production" end to end on this machine, on free ports in a scratch directory, with Debian's
# postgresql, redis-server and nginx: the database role and database from deploy/database.sql, Redis, two
# nodes with deploy/parley.env (each its own data directory, uploads in PostgreSQL), a self-signed
# certificate, nginx from deploy/nginx.conf. Then it checks what a user and an operator meet through
# nginx, and stops everything. Needs the build (./mvnw package). Exit 0 when every check passed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -s stop 2>/dev/null || true
  [ -d "$work/pg" ] && as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
for tool in redis-server nginx openssl curl python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install postgresql redis-server nginx openssl curl)"
done
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || fail "PostgreSQL's server is not installed (apt-get install postgresql)"
[ -f "$root/target/parley/parley.jar" ] || fail "build Parley first: ./mvnw package -DskipTests"

pg_port=$(free_port); redis_port=$(free_port); node1=$(free_port); node2=$(free_port)
http_port=$(free_port); https_port=$(free_port)

echo "1. PostgreSQL on $pg_port: role and database from deploy/database.sql"
mkdir "$work/pg" "$work/pgsock"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg" "$work/pgsock"
as_postgres "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pgsock/log" -w \
  -o "-p $pg_port -k $work/pgsock -c listen_addresses=127.0.0.1" start >/dev/null
as_postgres psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -f "$root/deploy/database.sql"

echo "2. Redis on $redis_port"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)

echo "3. Two nodes on $node1 and $node2 with deploy/parley.env"
set -a; . "$root/deploy/parley.env"; set +a
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$pg_port/parley"
export SPRING_DATA_REDIS_URL="redis://127.0.0.1:$redis_port"
export PARLEY_JWT_SECRET=$(openssl rand -base64 48)
for port in "$node1" "$node2"; do
  SERVER_PORT=$port PARLEY_DATA_DIR="$work/node-$port" "$root/bin/parley" >"$work/node-$port.log" 2>&1 &
  pids+=($!)
done
for port in "$node1" "$node2"; do
  for _ in $(seq 1 120); do grep -q "Parley is ready" "$work/node-$port.log" && break; sleep 0.5; done
  grep -q "Parley is ready" "$work/node-$port.log" || { tail -n 30 "$work/node-$port.log"; fail "node $port did not start"; }
done

echo "4. A self-signed certificate, and nginx on $http_port (http) and $https_port (https) from deploy/nginx.conf"
mkdir -p "$work/nginx/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/nginx/tls/parley.key" -out "$work/nginx/tls/parley.crt" 2>/dev/null
sed -e "s/127.0.0.1:8001/127.0.0.1:$node1/; s/127.0.0.1:8002/127.0.0.1:$node2/" \
    -e "s/listen 8080;/listen $http_port;/; s/listen 8443 ssl;/listen $https_port ssl;/" \
    "$root/deploy/nginx.conf" >"$work/nginx/nginx.conf"
chmod -R a+rwX "$work/nginx"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"

base="https://localhost:$https_port"
json() { python3 -c 'import json,sys; print(json.load(sys.stdin)'"$1"')'; }
post() { curl -sk -XPOST "$base$1" -H 'Content-Type: application/json' -d "$2" "${@:3}"; }

echo "5. Checks through nginx (TLS)"
post /auth/register/ '{"username":"alice","email":"alice@example.com","password":"wonderland"}' >/dev/null
post /auth/register/ '{"username":"bob","email":"bob@example.com","password":"builder123"}' >/dev/null
alice=$(post /auth/login/ '{"username":"alice","password":"wonderland"}' | json '["access"]')
bob=$(post /auth/login/ '{"username":"bob","password":"builder123"}' | json '["access"]')
role=$(curl -sk "$base/api/users/me/" -H "Authorization: Bearer $alice" | json '["role"]')
[ "$role" = admin ] || fail "the first account is not an admin: $role"
echo "   the first account is an admin"

head -c 5000000 /dev/urandom >"$work/upload.bin"
upload=$(curl -sk "$base/api/chats/attachments/" -H "Authorization: Bearer $alice" -F "file=@$work/upload.bin;type=application/zip")
attachment=$(echo "$upload" | json '["id"]') || fail "a 5 MB upload through nginx was refused: $upload"
conversation=$(post /api/chats/conversations/create/ '{"username":"bob"}' -H "Authorization: Bearer $alice" | json '["id"]')
curl -sk -XPOST "$base/api/chats/conversations/$conversation/messages/" -H "Authorization: Bearer $alice" \
  -H 'Content-Type: application/json' -d "{\"body\":\"a file\",\"metadata\":{\"attachments\":[$attachment]}}" >/dev/null
for port in "$node1" "$node2"; do
  curl -s "http://127.0.0.1:$port/api/chats/attachments/$attachment/" -H "Authorization: Bearer $bob" -o "$work/down-$port.bin"
  cmp -s "$work/upload.bin" "$work/down-$port.bin" || fail "node $port does not serve the upload"
done
echo "   a 5 MB upload through nginx downloads from both nodes"

status=$(curl -sk --http1.1 -o /dev/null -w '%{http_code}' --max-time 3 \
  -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
  -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$base/ws/notifications/?token=$bob" || true)
[ "$status" = 101 ] || fail "the wss handshake through nginx answered $status"
echo "   a WebSocket opens over wss"

health=$(curl -sk "$base/actuator/health")
case "$health" in *'"status":"UP"'*) ;; *) fail "health through nginx: $health" ;; esac
case "$health" in *components*) fail "health components shown through nginx: $health" ;; esac
case "$(curl -s "http://127.0.0.1:$node1/actuator/health/broker")" in *UP*) ;; *) fail "no broker health on loopback" ;; esac
echo "   health: status only through nginx, components on loopback"

[ "$(curl -sk -o /dev/null -w '%{http_code}' "$base/actuator/prometheus")" = 404 ] || fail "nginx serves metrics"
[ "$(curl -sk -o /dev/null -w '%{http_code}' "$base/actuator/%70rometheus")" = 404 ] || fail "nginx serves metrics, encoded"
case "$(curl -s "http://127.0.0.1:$node1/actuator/prometheus")" in *parley_*) ;; *) fail "no metrics on loopback" ;; esac
echo "   metrics: on each node's loopback only, 404 through nginx"

[ "$(curl -sk -o /dev/null -w '%{http_code}' "$base/local/admin/users")" = 404 ] || fail "nginx forwards /local/"
out=$(PARLEY_DATA_DIR="$work/node-$node2" "$root/bin/parley" admin set-admin bob true)
[ "$out" = "bob is now an admin." ] || fail "bin/parley admin: $out"
echo "   bin/parley admin works on the node's machine; /local/ is not reachable through nginx"

if grep -h " WARN \| ERROR " "$work"/node-*.log; then fail "the nodes logged warnings"; fi
echo "The production recipe works: PostgreSQL role and database, Redis, two nodes, nginx with TLS."
