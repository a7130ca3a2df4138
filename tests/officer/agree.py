#!/usr/bin/env python3
"""Check that every table of a crsv-gen report page says what the CSV
beside it says: same rows, same cells (numbers equal as numbers, a
percentage on the page as the fraction in the CSV, a time on the page as
the same minute in the CSV).  A table paged over several pages
(people.html, people-2.html, ...) says, page after page, what its one CSV
says.  Also checks the CSV format: UTF-8 with BOM, CRLF, a header row.
Prints each difference; exit 1 when any.

    agree.py REPORT_DIR
"""
import csv
import html.parser
import io
import os
import re
import sys

class Tables(html.parser.HTMLParser):
    """Each <table> as rows of cell texts, and the CSV link after it."""
    def __init__(self):
        super().__init__()
        self.tables, self.row, self.cell, self.links = [], None, None, []
    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag == "a":
            href = dict(attrs).get("href", "")
            if href.endswith(".csv"):
                self.links.append(href)
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

def same(page, data):
    if page == data:
        return True
    m = re.fullmatch(r"(-?\d+)%", page)
    if m and data:
        return round(float(data) * 100) == int(m.group(1))
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d)", page)
    if m:
        return data.startswith(m.group(1) + "T" + m.group(2))
    try:
        return abs(float(page) - float(data)) < 0.006
    except ValueError:
        return data == "'" + page   # a neutralised formula cell

bad = 0
def fail(msg):
    global bad
    bad += 1
    print(msg)

root = sys.argv[1]
checked = 0
def page_order(name):   # people.html, people-2.html, ..., people-10.html
    m = re.fullmatch(r"(.*?)(?:-(\d+))?\.html", name)
    return (m.group(1), int(m.group(2) or 1))
shown = {}   # CSV link -> the rows of its tables, page after page
for name in sorted((n for n in os.listdir(root) if n.endswith(".html")), key=page_order):
    p = Tables()
    p.feed(open(os.path.join(root, name), encoding="utf-8").read())
    if len(p.tables) != len(p.links):
        fail("%s: %d tables but %d CSV links" % (name, len(p.tables), len(p.links)))
        continue
    for table, link in zip(p.tables, p.links):
        if link in shown:
            if table[:1] != shown[link][:1]:
                fail("%s: the table of %s has other columns than on the page before" % (name, link))
            shown[link] += table[1:]
        else:
            shown[link] = table
for link, table in sorted(shown.items()):
    raw = open(os.path.join(root, link), "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail("%s: no byte-order mark" % link)
    if raw.count(b"\n") != raw.count(b"\r\n"):
        fail("%s: lines do not end in CRLF" % link)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    if len(rows) != len(table):
        fail("%s: %d rows on the pages, %d in the CSV" % (link, len(table), len(rows)))
        continue
    for r, (prow, crow) in enumerate(zip(table[1:], rows[1:]), 1):
        if len(prow) != len(crow):
            fail("%s row %d: %d cells on the page, %d in the CSV" % (link, r, len(prow), len(crow)))
            continue
        for c, (pc, cc) in enumerate(zip(prow, crow)):
            if not same(pc, cc):
                fail("%s row %d col %d: page %r, CSV %r" % (link, r, c, pc, cc))
    checked += 1
print("agree: %d tables checked, %d differences" % (checked, bad))
sys.exit(1 if bad or not checked else 0)
