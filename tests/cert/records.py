#!/usr/bin/env python3
"""records.py OUT.db - a kiosk records file (the kiosk's own schema, from
common/records.sql) in which, on the real content's "policy" track:
  UN-20417 (Arabic) and UN-30001 (French) passed all six modules
  (UN-30001 failed module 2 once before passing it);
  UN-40000 passed five of six: no certificate.
Written with SQL like tests/golden/fixture/records (with its ledger made
by tests/officer/rechain.py), not by the kiosk: a kiosk run through six
quizzes per person would take minutes."""
import os, sqlite3, sys, uuid

sys.path.insert(0, os.path.join(sys.path[0], "..", "officer"))
from rechain import rechain  # noqa: E402

MODULES = ["policy/01-what-is-crsv", "policy/02-five-priority-objectives",
           "policy/03-leadership-whole-of-mission", "policy/04-womens-protection-advisers",
           "policy/05-mara", "policy/06-ending-impunity"]
KIOSK = "b0000000-0000-4000-8000-000000000000"
VERSION = "53c61d842c3c3efa77daf8b8aafb0228c859e4af45e38a41e1fae0cf445a651e"
here = sys.path[0]
db = sqlite3.connect(sys.argv[1])
db.executescript(open(here + "/../../common/records.sql").read())
db.execute("INSERT INTO meta VALUES ('kiosk_id', ?)", (KIOSK,))
t = 1780000000000   # 2026-05-28
n = 0
def done(person, lang, module, score, passed):
    global t, n
    n += 1
    u = str(uuid.UUID(int=(0xc << 124) | n, version=4))
    db.execute("INSERT INTO completions VALUES (?,?,'personnel',?,NULL,?,?,?,?,5,?,?,?)",
               (u, KIOSK, person, module, lang, VERSION, score, passed, t, t + 600000))
    t += 3600000
for person, lang in (("UN-20417", "ar"), ("UN-30001", "fr"), ("UN-40000", "en")):
    for i, m in enumerate(MODULES):
        if person == "UN-30001" and i == 1:
            done(person, lang, m, 2, 0)
        if person == "UN-40000" and i == 5:
            done(person, lang, m, 1, 0)
            continue
        done(person, lang, m, 4 + i % 2, 1)
rechain(db)   # the ledger, as the kiosk keeps it
db.commit()
