#!/usr/bin/env python3
"""kiosk-walk.py - walk crsv-kiosk through N screens, as people would, and
sample its CPU time and memory on the way (bench/kiosk-field.sh).

    kiosk-walk.py N SAMPLES -- crsv-kiosk --bundle B --records R ...

The kiosk runs with --script - --list-widgets: each action line sent is
answered by the widgets of the screen it led to, then "--".  A screen is
one action that changes what is shown (a language, a mode, digits typed,
OK, a module, a page, a choice, confirm, next, done, leave), followed by
"shot /dev/null" so that it is drawn, as the real loop draws each new
screen.  The walk picks what to press from the widgets on the screen:
language (in turn) -> mode (personnel and community in turn) -> an ID or
a number of people -> two modules of the list (in turn) -> every page ->
every question (a choice, confirm, next) -> the result -> done -> leave.

At each count in SAMPLES (comma-separated) one line is printed:
    <screens> <utime+stime s> <VmRSS KiB> <VmHWM KiB> <wall s>
"""
import os
import subprocess
import sys
import time


def main():
    n = int(sys.argv[1])
    samples = {int(s) for s in sys.argv[2].split(",")}
    cmd = sys.argv[sys.argv.index("--") + 1:]
    p = subprocess.Popen(cmd + ["--script", "-", "--list-widgets"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True, bufsize=1)
    tick = os.sysconf("SC_CLK_TCK")

    def screen():
        ids = []
        for line in p.stdout:
            line = line.rstrip("\n")
            if line == "--":
                return ids
            ids.append(line.split(" ", 1)[0])
        sys.exit("kiosk-walk: the kiosk stopped (exit %s)" % p.wait())

    def send(line):
        p.stdin.write(line + "\n")
        return screen()

    def sample(count, t0):
        with open("/proc/%d/stat" % p.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / tick
        status = {}
        with open("/proc/%d/status" % p.pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                status[k] = v.split()[0] if v.split() else ""
        print("%d %.2f %s %s %.2f" % (count, cpu, status["VmRSS"], status["VmHWM"],
                                      time.monotonic() - t0), flush=True)

    ids = screen()
    t0 = time.monotonic()
    screens = 0
    langs = [i for i in ids if i.startswith("lang:")]
    turn = {"lang": 0, "mode": 0, "module": 0}
    modules_this_session = 0
    typed = False
    chosen = False
    person = 4000
    while screens < n:
        has = set(ids)
        pre = None
        if "feedback" in has and "next" in has:
            action = "press next"
            chosen = False
        elif "confirm" in has:
            if chosen:
                action = "press confirm"
            else:
                choices = [i for i in ids if i.startswith("choice:")]
                pre = "wait 1500"   # a question takes presses after a moment
                action = "press " + choices[screens % len(choices)]
                chosen = True
        elif "done" in has:
            action = "press done"
        elif any(i.startswith("module:") for i in ids):
            mods = [i for i in ids if i.startswith("module:")]
            if modules_this_session >= 2:
                action = "press exit"
            else:
                action = "press " + mods[turn["module"] % len(mods)]
                turn["module"] += 1
                modules_this_session += 1
        elif "next" in has:
            action = "press next"           # a page of the reader
        elif "key:ok" in has:
            if typed:
                action = "press key:ok"
                typed = False
            else:
                person += 1
                action = "type %d" % (person if turn["mode"] % 2 else 12)
                typed = True
        elif "mode:personnel" in has:
            turn["mode"] += 1
            action = "press " + ("mode:personnel" if turn["mode"] % 2 else "mode:community")
        elif langs and langs[0] in has:
            action = "press " + langs[turn["lang"] % len(langs)]
            turn["lang"] += 1
            modules_this_session = 0
        elif "back" in has:
            action = "press back"
        else:
            action = "press exit"
        if pre:
            send(pre)
        send(action)
        ids = send("shot /dev/null")
        screens += 1
        if screens in samples:
            sample(screens, t0)
    p.stdin.close()
    sys.exit(p.wait())


if __name__ == "__main__":
    main()
