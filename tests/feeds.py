"""Reads the site's feeds and data files as their users' programs do and
checks their fields: the Atom feed with feedparser, the calendar with
icalendar, the JSON against its schema with jsonschema, the CSV with csv.
Run by tests/check_feeds.c on files it writes for the records of
tests/feeds' goldens: python3 tests/feeds.py DIR (decisions.atom,
calendar.ics, decisions.json, decisions.schema.json, decisions.csv).
Prints one line of counts and "ok", or exits 1 naming what is wrong."""

import csv
import datetime
import json
import os
import sys

try:
    import feedparser
    import icalendar
    import jsonschema
except ImportError as e:
    sys.exit(
        "feeds.py: %s: apt-get install python3-feedparser python3-icalendar "
        "python3-jsonschema" % e
    )

BASE = "https://decisions.example.gov.uk"
HOST = "decisions.example.gov.uk"


def fail(msg):
    sys.exit("feeds.py: " + msg)


def expect(cond, msg):
    if not cond:
        fail(msg)


def main(d):
    def path(name):
        return os.path.join(d, name)

    # JSON: valid against its own schema (draft-07, formats checked).
    with open(path("decisions.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    with open(path("decisions.json"), encoding="utf-8") as f:
        data = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    errors = list(
        jsonschema.Draft7Validator(
            schema, format_checker=jsonschema.FormatChecker()
        ).iter_errors(data)
    )
    expect(not errors, "decisions.json: %s" % (errors[0].message if errors else ""))
    decisions = data["decisions"]
    by_ref = {x["reference"]: x for x in decisions}
    expect(len(by_ref) == len(decisions), "decisions.json: a reference twice")
    for x in decisions:
        slug = x["reference"].replace("/", "-")
        expect(x["url"] == "%s/decisions/%s/" % (BASE, slug), "json url " + x["url"])
    exempt = by_ref["24/00099"]
    expect(
        exempt["for_publication"] is False
        and exempt["summary"] is None
        and exempt["exempt_paragraph"] == "3",
        "json: exempt record 24/00099 as %r" % exempt,
    )
    d58 = by_ref["24/00058"]["dates"]
    expect(
        (d58["published"], d58["call_in_deadline"], d58["effective"])
        == ("2024-07-19", "2024-07-26", "2024-07-27"),
        "json: 24/00058's dates %r" % d58,
    )

    # CSV: RFC 4180 as Python reads it, the same facts in the same order.
    with open(path("decisions.csv"), encoding="utf-8", newline="") as f:
        raw = f.read()
    expect("\n" not in raw.replace("\r\n", ""), "decisions.csv: a bare LF")
    rows = list(csv.DictReader(raw.splitlines(keepends=True)))
    expect(len(rows) == len(decisions), "csv: %d rows" % len(rows))
    for row, x in zip(rows, decisions):
        expect(row["reference"] == x["reference"], "csv order at " + row["reference"])
        title = x["title"] or ""
        if title[:1] in ("=", "+", "-", "@"):
            title = "'" + title
        expect(row["title"] == title, "csv title of " + row["reference"])
        expect(row["url"] == x["url"], "csv url of " + row["reference"])
        for col, key in (
            ("decision_date", "decision"),
            ("published_date", "published"),
            ("effective_date", "effective"),
            ("due_date", "due"),
            ("call_in_deadline", "call_in_deadline"),
        ):
            expect(
                row[col] == (x["dates"][key] or ""),
                "csv %s of %s" % (col, row["reference"]),
            )
        flag = {True: "yes", False: "no", None: ""}[x["key_decision"]]
        expect(row["key_decision"] == flag, "csv key_decision of " + row["reference"])

    # Atom: well formed (no bozo), the latest published first, ids stable.
    feed = feedparser.parse(path("decisions.atom"))
    expect(not feed.bozo, "atom: %s" % feed.get("bozo_exception"))
    expect(feed.version == "atom10", "atom: version " + feed.version)
    expect(feed.feed.title == "Kent County Council: decisions", "atom: feed title")
    expect(feed.feed.id == "tag:%s,2024:decisions" % HOST, "atom: feed id")
    links = {l.rel: l.href for l in feed.feed.links}
    expect(links.get("self") == BASE + "/feeds/decisions.atom", "atom: self link")
    expect(links.get("alternate") == BASE + "/", "atom: alternate link")
    published = [x for x in decisions if x["dates"]["published"]]
    published.sort(key=lambda x: x["dates"]["published"], reverse=True)
    entries = feed.entries
    expect(len(entries) == min(50, len(published)), "atom: %d entries" % len(entries))
    last = None
    for e in entries:
        ref = e.id.split("2024:decisions/", 1)[-1]
        expect(e.id == "tag:%s,2024:decisions/%s" % (HOST, ref), "atom id " + e.id)
        x = by_ref.get(ref)
        expect(x is not None, "atom: entry %s not in the JSON" % e.id)
        expect(e.title == "%s - %s" % (ref, x["title"]), "atom title " + e.title)
        expect(e.link == x["url"], "atom link of " + ref)
        day = datetime.date(*e.updated_parsed[:3]).isoformat()
        expect(day == x["dates"]["published"], "atom updated of " + ref)
        expect(last is None or day <= last, "atom: not latest first at " + ref)
        last = day
        want = x["summary"] or x["public_summary"]
        if want:
            expect(e.summary == want, "atom summary of " + ref)
        expect(e.author == (x["authority"] or data["authority"]), "atom author of " + ref)
    expect(
        len({e.id for e in entries}) == len(entries), "atom: an id twice"
    )

    # iCalendar: CRLF, folded lines of at most 75 octets, the events.
    with open(path("calendar.ics"), "rb") as f:
        ics = f.read()
    lines = ics.split(b"\r\n")
    expect(lines[-1] == b"", "calendar.ics: no final CRLF")
    for line in lines:
        expect(b"\n" not in line and b"\r" not in line, "calendar.ics: a bare line break")
        expect(len(line) <= 75, "calendar.ics: a line of %d octets" % len(line))
    cal = icalendar.Calendar.from_ical(ics)
    expect(str(cal["VERSION"]) == "2.0", "ics VERSION")
    expect(str(cal["X-WR-CALNAME"]) == "Kent County Council: decisions", "ics name")
    events = list(cal.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    expect(len(set(uids)) == len(uids), "ics: a UID twice")
    utc = datetime.timezone.utc
    for e in events:
        uid = str(e["UID"])
        kind = "call-in" if "-call-in@" in uid else "due"
        slug = uid.rpartition("-%s@" % kind)[0]
        expect(uid.endswith("@" + HOST), "ics UID " + uid)
        ref = next((r for r in by_ref if r.replace("/", "-") == slug), None)
        expect(ref is not None, "ics: UID %s names no decision" % uid)
        x = by_ref[ref]
        start = e["DTSTART"].dt
        expect(str(e["URL"]) == x["url"], "ics URL of " + uid)
        expect(e["DTSTAMP"].dt.tzinfo is not None, "ics DTSTAMP of " + uid)
        if kind == "call-in":
            expect(
                isinstance(start, datetime.datetime), "ics: call-in %s not timed" % uid
            )
            expect(start.date().isoformat() == x["dates"]["call_in_deadline"], "ics day " + uid)
            expect((start.hour, start.minute) == (17, 0), "ics time of " + uid)
            # 17:00 in London: 16:00 UTC in summer time, 17:00 in winter.
            summer = start.month in range(4, 10)
            expect(
                start.astimezone(utc).hour == (16 if summer else 17),
                "ics: %s at %s UTC" % (uid, start.astimezone(utc)),
            )
            expect(
                str(e["SUMMARY"]) == "Call-in deadline: %s - %s" % (ref, x["title"]),
                "ics SUMMARY of " + uid,
            )
        else:
            expect(
                type(start) is datetime.date and start.isoformat() == x["dates"]["due"],
                "ics due date of " + uid,
            )
            expect(x["phase"] == "proposed" and x["key_decision"], "ics due of " + ref)
            expect(
                str(e["SUMMARY"]) == "Key decision due: %s - %s" % (ref, x["title"]),
                "ics SUMMARY of " + uid,
            )
    deadlines = [
        x
        for x in decisions
        if x["dates"]["call_in_deadline"] and x["phase"] in ("made", "called-in")
    ]
    dues = [x for x in decisions if x["dates"]["due"] and x["phase"] == "proposed" and x["key_decision"]]
    expect(
        len(events) == len(deadlines) + len(dues),
        "ics: %d events for %d deadlines and %d due dates"
        % (len(events), len(deadlines), len(dues)),
    )
    for name in ("decisions.atom", "calendar.ics", "decisions.json", "decisions.csv"):
        with open(path(name), "rb") as f:
            expect(b"XEXEMPT" not in f.read(), name + ": exempt text")
    print(
        "feeds.py: atom %d entries, ics %d events, json %d decisions, csv %d rows: ok"
        % (len(entries), len(events), len(decisions), len(rows))
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: feeds.py DIR")
    main(sys.argv[1])
