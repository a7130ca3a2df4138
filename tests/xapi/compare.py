#!/usr/bin/env python3
"""compare.py SENT.jsonl FETCHED.jsonl - what the LRS holds is what we sent:
the same ids, once each, and for each statement every field we sent equal
to what the LRS returns (it adds stored, authority and version, which are
its own).  Prints the first differences and exits 1 on any."""
import json
import sys

OWN = {"stored", "authority", "version"}


def load(path):
    out = {}
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        s = json.loads(line)
        if s["id"] in out:
            sys.exit("%s:%d: statement %s twice" % (path, n, s["id"]))
        out[s["id"]] = s
    return out


def diff(a, b, where, problems):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                problems.append("%s.%s: sent, not returned" % (where, k))
            else:
                diff(a[k], b[k], where + "." + k, problems)
    elif a != b:
        problems.append("%s: sent %r, returned %r" % (where, a, b))


sent, got = load(sys.argv[1]), load(sys.argv[2])
problems = []
for i in sorted(set(sent) ^ set(got)):
    problems.append("%s: %s" % (i, "sent, not in the LRS" if i in sent else "in the LRS, never sent"))
for i in sorted(set(sent) & set(got)):
    extra = set(got[i]) - set(sent[i]) - OWN
    if extra:
        problems.append("%s: the LRS has fields we did not send: %s" % (i, sorted(extra)))
    diff(sent[i], got[i], i, problems)
for p in problems[:10]:
    print("    " + p)
print("compare: %d sent, %d in the LRS, %d differences" % (len(sent), len(got), len(problems)))
sys.exit(1 if problems else 0)
