# lrs.sh - a local LRS for the xAPI tests: Learning Locker's xapi-statements
# 5.0.1 (npm, in build/npm-lrs: tools/deps.sh test), on 127.0.0.1 only.
# To be sourced by a test script, after setting $top (the repository's
# top directory; else the current directory is taken):
#
#	. "$top/tests/xapi/lrs/lrs.sh"
#	why=$(lrs_available) || { echo "$suite: skipped: $why"; exit 0; }
#	trap 'lrs_stop; rm -rf "$work"' EXIT
#	lrs_start "$work/lrs" || bad "LRS started"
#	... "$LRS_URL"  (http://127.0.0.1:PORT/xAPI/), any Basic auth, e.g. k:s
#	lrs_kill        # kill -9, as a crash
#	lrs_restart     # (stop and) start again on the same port, same state
#	lrs_stop
#
# lrs_start DIR   starts a new, empty LRS on a free port, in the background,
#                 with its log in DIR/lrs.log; waits (30 s at most) until
#                 GET /xAPI/about answers; exports LRS_URL, LRS_PORT,
#                 LRS_PID, LRS_DIR.  Returns 1 if it does not come up (the
#                 end of the log on stderr).
# lrs_stop        SIGTERM, waits for the end (SIGKILL after 10 s).
# lrs_kill        SIGKILL: no chance to write anything more.
# lrs_restart     lrs_stop if it still runs, then starts it again on
#                 $LRS_PORT in $LRS_DIR, keeping what it held.
# lrs_available   0 if node and the npm packages are there, else prints why
#                 and returns 1.
#
# What it keeps: xapi-statements holds statements in memory only, and its
# one other store is MongoDB, a server; so start-lrs.js keeps the memory
# repo's state in DIR/lrs-state.json, written (fsync, rename) before any
# response leaves after a change: what the LRS acknowledged survives
# lrs_kill and lrs_restart (what it had not acknowledged yet may or may
# not be there).
# start-lrs.js also gives the models ids that sort as stored (the stock ids
# make `more` paging skip statements every 429.5 s).  LRS_STOCK=1 before
# lrs_start runs xapi-statements' memory repo untouched: then a restart
# loses everything.  LRS_INDEXED=1 answers the repo's lookups by id from
# indexes (indexed-repo.js: the stock repo scans all it holds for each);
# LRS_MEMORY_ONLY=1 keeps no state file (the bench: writing it whole after
# each batch would cost more than the batch).
# Auth is xapi-statements' test auth: any Basic credentials, or none, are
# taken (no 401 to test).  SERVICE_AWAIT_UPDATES=true: voiding and the
# other updates are done before the POST is answered.
# shellcheck shell=sh

lrs_top=${top:-$(pwd)}
lrs_npm="$lrs_top/build/npm-lrs"
lrs_src="$lrs_top/tests/xapi/lrs"

lrs_available() {
	if ! command -v node > /dev/null 2>&1; then
		echo "lrs: node is not installed"
		return 1
	fi
	if [ ! -f "$lrs_npm/node_modules/xapi-statements/dist/index.js" ] ||
		[ ! -f "$lrs_npm/node_modules/xapi-validation/dist/factory.js" ]; then
		echo "lrs: the LRS's npm packages are missing from build/npm-lrs (tools/deps.sh test)"
		return 1
	fi
	if ! cmp -s "$lrs_src/package.json" "$lrs_npm/package.json"; then
		echo "lrs: build/npm-lrs is not what tests/xapi/lrs/package.json pins (tools/deps.sh test)"
		return 1
	fi
	return 0
}

# pid: alive, and not a zombie waiting for us
_lrs_running() {
	kill -0 "$1" 2> /dev/null || return 1
	[ "$(sed 's/.*) //; s/ .*//' "/proc/$1/stat" 2> /dev/null)" != Z ]
}

# start node on $LRS_PORT in $LRS_DIR and wait for /xAPI/about
_lrs_launch() {
	lrs_state="$LRS_DIR/lrs-state.json"
	if [ "${LRS_STOCK:-0}" = 1 ] || [ "${LRS_MEMORY_ONLY:-0}" = 1 ]; then lrs_state=; fi
	(
		cd "$LRS_DIR" &&
			LANG=en EXPRESS_PORT=$LRS_PORT AUTH_REPO=test EVENTS_REPO=test \
				MODELS_REPO=memory STORAGE_REPO=local \
				FS_LOCAL_STORAGE_DIR="$LRS_DIR/storage" \
				EXPRESS_MORGAN_DIRECTORY="$LRS_DIR/access-logs" \
				SERVICE_AWAIT_UPDATES=true WINSTON_CONSOLE_LEVEL=info \
				AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1 \
				LRS_STATE_FILE="$lrs_state" LRS_STOCK="${LRS_STOCK:-0}" \
				LRS_INDEXED="${LRS_INDEXED:-0}" \
				exec node "$lrs_npm/start-lrs.js"
	) >> "$LRS_DIR/lrs.log" 2>&1 &
	LRS_PID=$!
	LRS_URL="http://127.0.0.1:$LRS_PORT/xAPI/"
	export LRS_URL LRS_PORT LRS_PID LRS_DIR
	lrs_rc=0
	# 0: answers; 1: 30 s passed; 3: the process ended
	node -e '
		const http = require("http");
		const fs = require("fs");
		const port = Number(process.argv[1]), pid = process.argv[2];
		const end = Date.now() + 30000;
		const alive = () => {
			try { return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8")); }
			catch (e) { return false; }
		};
		const poll = () => {
			if (!alive()) process.exit(3);
			let done = false;
			const again = () => {
				if (done) return;
				done = true;
				if (Date.now() > end) process.exit(1);
				setTimeout(poll, 100);
			};
			const req = http.get({ host: "127.0.0.1", port, path: "/xAPI/about", timeout: 2000 }, (res) => {
				let body = "";
				res.on("data", (c) => { body += c; });
				res.on("end", () => {
					if (res.statusCode === 200 && body.includes("1.0.3")) process.exit(0);
					again();
				});
			});
			req.on("timeout", () => req.destroy());
			req.on("error", again);
		};
		poll();' "$LRS_PORT" "$LRS_PID" || lrs_rc=$?
	[ "$lrs_rc" = 0 ] && return 0
	if [ "$lrs_rc" = 1 ]; then
		echo "lrs: no answer from $LRS_URL in 30 s; end of $LRS_DIR/lrs.log:" >&2
		kill -9 "$LRS_PID" 2> /dev/null || :
	else
		echo "lrs: the LRS ended at start; end of $LRS_DIR/lrs.log:" >&2
	fi
	wait "$LRS_PID" 2> /dev/null || :
	tail -n 15 "$LRS_DIR/lrs.log" >&2
	LRS_PID=
	return 1
}

lrs_start() {
	if [ $# != 1 ]; then
		echo "usage: lrs_start DIR" >&2
		return 2
	fi
	if [ -n "${LRS_PID:-}" ] && _lrs_running "$LRS_PID"; then
		echo "lrs_start: an LRS runs already (pid $LRS_PID): lrs_stop first" >&2
		return 1
	fi
	lrs_available >&2 || return 1
	mkdir -p "$1" && LRS_DIR=$(cd "$1" && pwd) || return 1
	for lrs_js in start-lrs.js indexed-repo.js; do
		if ! cmp -s "$lrs_src/$lrs_js" "$lrs_npm/$lrs_js"; then
			cp "$lrs_src/$lrs_js" "$lrs_npm/$lrs_js" || return 1
		fi
	done
	rm -f "$LRS_DIR/lrs-state.json" "$LRS_DIR/lrs-state.json.tmp"
	lrs_try=0
	while :; do
		# a port free now (another program may take it before node does:
		# then try another)
		LRS_PORT=$(node -e '
			const s = require("net").createServer();
			s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });') || return 1
		lrs_from=0
		if [ -f "$LRS_DIR/lrs.log" ]; then lrs_from=$(wc -l < "$LRS_DIR/lrs.log"); fi
		_lrs_launch && return 0
		lrs_try=$((lrs_try + 1))
		[ "$lrs_try" -lt 3 ] &&
			tail -n "+$((lrs_from + 1))" "$LRS_DIR/lrs.log" | grep -q EADDRINUSE || return 1
	done
}

lrs_stop() {
	[ -n "${LRS_PID:-}" ] || return 0
	kill "$LRS_PID" 2> /dev/null || :
	lrs_i=0
	while _lrs_running "$LRS_PID" && [ "$lrs_i" -lt 100 ]; do
		sleep 0.1
		lrs_i=$((lrs_i + 1))
	done
	if _lrs_running "$LRS_PID"; then
		echo "lrs: the LRS did not end in 10 s: SIGKILL" >&2
		kill -9 "$LRS_PID" 2> /dev/null || :
	fi
	wait "$LRS_PID" 2> /dev/null || :
	while _lrs_running "$LRS_PID"; do sleep 0.1; done # not our child
	LRS_PID=
	return 0
}

lrs_kill() {
	[ -n "${LRS_PID:-}" ] || return 0
	kill -9 "$LRS_PID" 2> /dev/null || :
	wait "$LRS_PID" 2> /dev/null || :
	while _lrs_running "$LRS_PID"; do sleep 0.1; done
	LRS_PID=
	return 0
}

lrs_restart() {
	if [ -z "${LRS_DIR:-}" ] || [ -z "${LRS_PORT:-}" ]; then
		echo "lrs_restart: no lrs_start before" >&2
		return 1
	fi
	lrs_stop
	_lrs_launch
}
