# Helpers of the web page tests (t012x-web-*.sh), sourced after lib.sh.

# web JAR VERB ARGS...: tests/tools/web-client.py (a cookie jar per
# browser); prints the status, head in ./headers, body in ./body.
web() {
	python3 "$TOP/tests/tools/web-client.py" "$@"
}

# add_user NAME PASSWORD: an active user NAME@example.com with a cheap
# password hash.
add_user() {
	darn user add "$1" --email "$1@example.com" >/dev/null &&
	sql "UPDATE users SET password = '$(django_hash "$2" salt 1000)'
		WHERE username = '$1'"
}

# A sendmail that keeps each mail in $TMP/mails/N (N from 1) and its
# arguments in $TMP/mails/N.args; start_web_server points darn at it.
cat >"$TMP/sendmail" <<'SH'
#!/bin/sh
dir=${0%/*}/mails
mkdir -p "$dir"
n=$(( $(ls "$dir" | grep -c -v args) + 1 ))
cat >"$dir/$n.tmp" && mv "$dir/$n.tmp" "$dir/$n"
echo "$@" >"$dir/$n.args"
SH
chmod +x "$TMP/sendmail"

# mails: how many mails were sent.
mails() {
	ls "$TMP/mails" 2>/dev/null | grep -c -v args
}

# mail_link N PATH-PREFIX: the first URL of mail N whose path starts with
# PATH-PREFIX, as a path.
mail_link() {
	sed -n "s|^ *https\{0,1\}://[^/]*\($2[^ ]*\)\$|\1|p" "$TMP/mails/$1" |
		head -1
}

# start_web_server [ARGS...]: start_server with the mail kept.
start_web_server() {
	DARN_MAIL_SENDMAIL="$TMP/sendmail -t -i" \
		DARN_MAIL_FROM="Patchwork <pw@test.example>" start_server "$@"
}

# header NAME: the values of header NAME in ./headers, one a line.
header() {
	sed -n "s/^$1: //Ip" headers | tr -d '\r'
}

# launch_other_server [ARGS...]: one more darn serve on the test
# database, on a port the system says is free (launch_server's port
# would be the first server's); sets $base. Stopped by the exit trap.
launch_other_server() {
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	DARN_MAIL_SENDMAIL=${DARN_MAIL_SENDMAIL:-"$TMP/sendmail -t -i"} \
		"$DARN" serve --listen 127.0.0.1:$port "$@" 2>>serve.log &
	echo $! >>"$TMP/servers"
	for i in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$port/api/" && break
		sleep 0.1
	done
	base=http://127.0.0.1:$port
}
