#!/usr/bin/env python3
"""Write kiosk records files of known content, in the schema of
common/records.sql, for the officer's tools' tests and benchmark.

    gen-records.py OUT.db --kiosk N [--people P] [--langs fr,ar]
                   [--hard-lang ar] [--sessions S] [--start MS] [--seed X]
                   [--questions Q] [--modules M] [--retakes F]

Each of P people (index numbers "P<kiosk>-<n>") takes the quiz of module
policy/01-x once (5 questions q1..q5, choices a b c, "a" right) in one of
the languages in turn.  Ability rises with the person's number, so the
questions discriminate: a person answers q_i right when ability > i/6.
With --hard-lang L, q3 is answered right by nobody in L (a translation
gone wrong, for the per-language check).  S community sessions of 10
participants are added too: each reads sensitization/01-y to its end and
takes its quiz, and reads sensitization/02-z and leaves its quiz.
Everything is deterministic for a seed.

A corpus of another shape: with --modules M each person takes M modules
(mod/01 .. mod/M, Q questions each); with --retakes F a share F of those
who fail a module take it again and pass.
"""
import argparse
import os
import random
import sqlite3
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rechain import rechain  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
schema = open(os.path.join(here, "..", "..", "common", "records.sql")).read()

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--kiosk", type=int, required=True)
ap.add_argument("--people", type=int, default=40)
ap.add_argument("--langs", default="fr,ar")
ap.add_argument("--hard-lang", default="")
ap.add_argument("--sessions", type=int, default=0)
ap.add_argument("--start", type=int, default=1767225600000)   # 2026-01-01
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--questions", type=int, default=5)
ap.add_argument("--modules", type=int, default=1)
ap.add_argument("--retakes", type=float, default=0.0)
a = ap.parse_args()

rnd = random.Random(a.seed * 1000 + a.kiosk)
def uid():
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))

if os.path.exists(a.out):
    os.remove(a.out)
db = sqlite3.connect(a.out)
db.executescript(schema)
kiosk = uid()
db.execute("INSERT INTO meta VALUES ('kiosk_id', ?)", (kiosk,))
langs = a.langs.split(",")
t = a.start
rows = []
modules = ["policy/01-x"] if a.modules == 1 else ["mod/%02d" % (m + 1) for m in range(a.modules)]
def attempt(n, lang, module, marks):
    global t
    c = uid()
    score = sum(marks)
    db.execute("INSERT INTO completions VALUES (?, ?, 'personnel', ?, NULL, ?, ?, "
               "'v1', ?, ?, ?, ?, ?)",
               (c, kiosk, "P%d-%d" % (a.kiosk, n), module, lang, score, a.questions,
                int(score * 100 >= 80 * a.questions), t, t + 60000))
    for i, right in enumerate(marks, 1):
        db.execute("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                   (uid(), c, "q%d" % i, "a" if right else "b", int(right), t + i * 1000))
    t += 3600000
    return score * 100 >= 80 * a.questions
for n in range(a.people):
    lang = langs[n % len(langs)]
    ability = (n + 0.5) / a.people
    for module in modules:
        marks = []
        for i in range(1, a.questions + 1):
            right = ability > i / (a.questions + 1)
            if lang == a.hard_lang and i == 3:
                right = False
            marks.append(right)
        if not attempt(n, lang, module, marks) and a.retakes and rnd.random() < a.retakes:
            attempt(n, lang, module, [True] * a.questions)
for n in range(a.sessions):
    s = uid()
    db.execute("INSERT INTO sessions VALUES (?, ?, ?, 10, ?, ?)",
               (s, kiosk, langs[n % len(langs)], t, t + 600000))
    c = uid()
    db.execute("INSERT INTO completions VALUES (?, ?, 'community', NULL, ?, 'sensitization/01-y', "
               "?, 'v1', 2, 2, 1, ?, ?)", (c, kiosk, s, langs[n % len(langs)], t, t + 60000))
    for i in (1, 2):
        db.execute("INSERT INTO answers VALUES (?, ?, ?, 'a', 1, ?)", (uid(), c, "c%d" % i, t))
    for m in ("sensitization/01-y", "sensitization/02-z"):
        db.execute("INSERT INTO reads VALUES (?, ?, 'community', NULL, ?, ?, ?, 'v1', ?, ?)",
                   (uid(), kiosk, s, m, langs[n % len(langs)], t, t + 30000))
    t += 3600000
# the ledger, as the kiosk keeps it (common/ledger.h)
rechain(db)
db.commit()
db.close()
