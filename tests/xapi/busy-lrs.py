#!/usr/bin/env python3
"""busy-lrs.py PORT LOG - a stand-in for an LRS that is busy (the real one,
tests/xapi/lrs, never answers 429 or 5xx): POST /xAPI/statements answers
429 with Retry-After: 1, then 503, then 200 with the ids; every request's
method, path and headers go to LOG, one JSON object a line, so the test can
check the version header was on every one.  127.0.0.1 only."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

answers = [(429, {"Retry-After": "1"}), (503, {})]
log = open(sys.argv[2], "a", encoding="utf-8")


class Busy(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        log.write(json.dumps({"path": self.path, "headers": dict(self.headers)}) + "\n")
        log.flush()
        status, extra = answers.pop(0) if answers else (200, {})
        out = json.dumps([s["id"] for s in json.loads(body)]).encode() if status == 200 else b"{}"
        self.send_response(status)
        for k, v in extra.items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Busy).serve_forever()
