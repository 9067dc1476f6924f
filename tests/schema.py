#!/usr/bin/python3
# decrec schema checked with Python's jsonschema, as make check runs it:
#   python3 tests/schema.py DECREC
# The schema must be a valid draft-07 schema; every record of records/ must
# pass it; each broken record below must fail it with exactly the errors
# given; and no file of tests/cases/ may fail it while decrec finds no error
# there (an editor must not refuse what decrec accepts). YAML is read as
# editors read it, YAML 1.2: dates stay text, yes/no are text, true/false
# booleans. Prints what it checked; exits 1 on the first difference, and
# when python3-jsonschema or python3-yaml is missing.
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError as e:
    sys.exit("schema: %s: install python3-jsonschema and python3-yaml (make test-deps)" % e)

DECREC = sys.argv[1] if len(sys.argv) > 1 else "build/decrec"
checks = 0


def fail(msg):
    sys.exit("schema: FAIL: " + msg)


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's plain scalars:
    no timestamps, booleans only true/false, ints decimal, 0o or 0x."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, regexp, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
]:
    Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(regexp), list(first))


def int12(loader, node):
    v = loader.construct_scalar(node)
    return int(v[2:], 8) if v.startswith("0o") else int(v[2:], 16) if v.startswith("0x") else int(v)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", int12)


def load_all(text):
    return list(yaml.load_all(text, Loader=Yaml12Loader))


def schema(*args):
    out = subprocess.run([DECREC, "schema", *args], capture_output=True, text=True)
    if out.returncode != 0:
        fail("decrec schema %s exited %d: %s" % (" ".join(args), out.returncode, out.stderr))
    s = json.loads(out.stdout)
    jsonschema.Draft7Validator.check_schema(s)
    return jsonschema.Draft7Validator(s)


def errors(v, doc):
    return sorted("/".join(map(str, e.absolute_path)) + ": " + e.message for e in v.iter_errors(doc))


def expect(v, name, text, want):
    global checks
    got = [errors(v, d) for d in load_all(text)]
    got = [e for doc in got for e in doc]
    if got != want:
        fail("%s: expected %s, got %s" % (name, json.dumps(want, indent=1), json.dumps(got, indent=1)))
    checks += 1


# ---- the schema of this repository's decrec.yaml, and of the defaults -------
repo = schema()
defaults = schema("--no-config")
print("schema: decrec schema and decrec schema --no-config are valid draft-07 schemas")

# -o writes the same schema.
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "decrec.schema.json")
    st = subprocess.run([DECREC, "schema", "--no-config", "-o", out], capture_output=True, text=True)
    stdout = subprocess.run([DECREC, "schema", "--no-config"], capture_output=True, text=True).stdout
    if st.returncode != 0 or st.stdout or open(out).read() != stdout:
        fail("decrec schema -o FILE did not write what it prints (%d: %s)" % (st.returncode, st.stderr))
    st = subprocess.run([DECREC, "schema", "-o", os.path.join(tmp, "no", "such.json")],
                        capture_output=True, text=True)
    want = "decrec: %s: cannot write: No such file or directory\n" % os.path.join(tmp, "no", "such.json")
    if st.returncode != 3 or st.stderr != want or os.listdir(tmp) != ["decrec.schema.json"]:
        fail("decrec schema -o into a missing directory: %d %r" % (st.returncode, st.stderr))
print("schema: -o FILE writes the schema; a file that cannot be written is exit status 3")

# ---- every record passes ----------------------------------------------------
records = sorted(glob.glob("records/*.yaml"))
if not records:
    fail("no record in records/")
for f in records:
    with open(f, encoding="utf-8-sig") as fp:
        for i, doc in enumerate(load_all(fp.read())):
            e = errors(repo, doc)
            if e:
                fail("%s (document %d) fails the schema: %s" % (f, i + 1, e))
            checks += 1
print("schema: the %d records of records/ pass" % len(records))

# ---- broken records fail, each with its errors --------------------------------
MADE = """\
reference: 24/00083
title: Additional reception capacity
decision_maker: Cabinet Member for Integrated Children's Services
status: Decision Made
key_decision: no
subject_to_call_in: yes
dates:
  decision: 2024-08-16
  published: 19/08/2024
  effective: 2024-08-24
decision: |
  I agree.
reasons: The units are full.
alternatives: None.
interests: []
"""
YES_NO = "^(?:[Yy][Ee][Ss]|[Nn][Oo]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"
expect(defaults, "a made record", MADE, [])
expect(defaults, "true, yes, any case", MADE.replace("key_decision: no", "key_decision: FALSE")
       .replace("subject_to_call_in: yes", "subject_to_call_in: Yes"), [])
expect(defaults, "optional fields left empty", MADE + "meeting:\ndivisions:\nfor_publication:\nsections: []\n", [])
expect(defaults, "two records in one file", MADE + "---\n" + MADE.replace("24/00083", "24/00084"), [])
expect(defaults, "an unknown field", MADE + "titel: x\n",
       [": Additional properties are not allowed ('titel' was unexpected)"])
expect(defaults, "an unknown field in a mapping", MADE.replace("  effective:", "  efective:"),
       ["dates: 'effective' is a required property",
        "dates: Additional properties are not allowed ('efective' was unexpected)"])
expect(defaults, "a wrong type", MADE.replace("key_decision: no", "key_decision: maybe"),
       ["key_decision: 'maybe' does not match '%s'" % YES_NO])
expect(defaults, "a mapping for a list", MADE + "divisions:\n  a: b\n",
       ["divisions: {'a': 'b'} is not of type 'array', 'null'"])
expect(defaults, "a bad status", MADE.replace("Decision Made", "Decision Mad"),
       ["status: 'Decision Mad' is not valid under any of the given schemas"])
expect(defaults, "a status in another case, with more spaces",
       MADE.replace("Decision Made", " decision   MADE"), [])
expect(defaults, "a missing always-required field", MADE.replace("decision_maker:", "lead_officer:"),
       [": 'decision_maker' is a required property"])
expect(defaults, "a blank always-required field", MADE.replace("title: Additional reception capacity", "title: ' '"),
       ["title: ' ' does not match '^[^\\\\n]*[^ \\\\t\\\\n\\\\r][^\\\\n]*\\\\n?$'"])
expect(defaults, "a made decision without its reasons", MADE.replace("reasons: The units are full.\n", ""),
       [": 'reasons' is a required property"])
expect(defaults, "a made decision with blank reasons", MADE.replace("reasons: The units are full.", "reasons:"),
       ["reasons: None should not be valid under {'type': 'null'}"])
expect(defaults, "a proposed decision needs no dates",
       MADE.replace("Decision Made", "For Determination").replace("reasons: The units are full.\n", ""), [])
expect(defaults, "no effective date, subject to call-in", MADE.replace("  effective: 2024-08-24\n", ""),
       ["dates: 'effective' is a required property"])
expect(defaults, "no effective date, no call-in, a reason",
       MADE.replace("  effective: 2024-08-24\n", "").replace("subject_to_call_in: yes", "subject_to_call_in: no")
       + "call_in_exemption:\n  reason: Urgent.\n", [])
expect(defaults, "no call-in and no reason", MADE.replace("subject_to_call_in: yes", "subject_to_call_in: false"),
       [": 'call_in_exemption' is a required property"])
expect(defaults, "a key decision without notice", MADE.replace("key_decision: no", "key_decision: true"),
       [": 'forward_plan' is a required property"])
expect(defaults, "a key decision under general exception",
       MADE.replace("key_decision: no", "key_decision: yes") + "forward_plan:\n  exception: general-exception\n",
       ["forward_plan: 'exception_notice' is a required property"])
expect(defaults, "a withdrawn key decision needs no notice",
       MADE.replace("key_decision: no", "key_decision: yes").replace("Decision Made", "Withdrawn"), [])
expect(defaults, "not for publication", MADE + "for_publication: no\nexempt_paragraph: 9\n",
       ["exempt_paragraph: 9 is greater than the maximum of 7"])
expect(defaults, "dates of both forms, real days only",
       MADE.replace("2024-08-16", "2023-02-29").replace("19/08/2024", "29/02/2024")
       .replace("2024-08-24", "31/04/2024"),
       ["dates/decision: '2023-02-29' does not match %s" % json.dumps(defaults.schema["properties"]["dates"]["properties"]["decision"]["pattern"]).replace('"', "'"),
        "dates/effective: '31/04/2024' does not match %s" % json.dumps(defaults.schema["properties"]["dates"]["properties"]["effective"]["pattern"]).replace('"', "'")])
expect(defaults, "a reference that does not match reference_pattern", MADE.replace("24/00083", "2024/83"),
       ["reference: '2024/83' does not match '^[0-9]{2}/[0-9]{5}$'"])
PROPOSED = MADE.replace("Decision Made", "For Determination").replace("key_decision: no", "key_decision: yes") \
    .replace("reasons: The units are full.\n", "") \
    .replace("  decision: 2024-08-16\n  published: 19/08/2024\n  effective: 2024-08-24\n", "  due: 2024-10-03\n") \
    + "forward_plan:\n  first_published: 2024-08-27\n  documents: []\n"
expect(defaults, "a proposed key decision with its due date and documents", PROPOSED, [])
expect(defaults, "a proposed key decision with documents, and a restriction",
       PROPOSED.replace("documents: []", "documents:\n    - Report of the Director\n  restriction: part-exempt"), [])
expect(defaults, "a proposed key decision without its due date",
       PROPOSED.replace("dates:\n  due: 2024-10-03\n", ""), [": 'dates' is a required property"])
expect(defaults, "a proposed key decision without its documents",
       PROPOSED.replace("  documents: []\n", ""), ["forward_plan: 'documents' is a required property"])
expect(defaults, "a proposed key decision with blank documents",
       PROPOSED.replace("  documents: []\n", "  documents:\n"),
       ["forward_plan/documents: None should not be valid under {'type': 'null'}"])
expect(defaults, "a proposed key decision under special urgency needs no notice date, yet its due date",
       PROPOSED.replace("dates:\n  due: 2024-10-03\n", "")
       .replace("  first_published: 2024-08-27\n", "  exception: special-urgency\n  urgency_agreed_by: Chairman\n"),
       [": 'dates' is a required property"])
expect(defaults, "a proposed decision that is not key needs neither",
       PROPOSED.replace("key_decision: yes", "key_decision: no").replace("dates:\n  due: 2024-10-03\n", "")
       .replace("  documents: []\n", ""), [])
expect(defaults, "a made key decision needs no documents",
       MADE.replace("key_decision: no", "key_decision: yes") + "forward_plan:\n  first_published: 2024-06-25\n", [])
expect(defaults, "a restriction not of the three", PROPOSED + "  restriction: Part exempt\n",
       ["forward_plan/restriction: 'Part exempt' is not one of ['open', 'part-exempt', 'fully-exempt', None]"])
print("schema: %d broken records fail with the errors expected" % (checks - len(records)))

# ---- a council's own statuses and reference pattern ---------------------------
with tempfile.TemporaryDirectory() as tmp:
    cfg = os.path.join(tmp, "decrec.yaml")
    with open(cfg, "w") as fp:
        fp.write("reference_pattern: '^MBC/[[:digit:]]{4}/[0-9]{3}$'\n"
                 "statuses:\n  - name: Signed Off\n    phase: made\n  - name: Planned\n    phase: proposed\n"
                 "  - name: 'Held \"in\" abeyance \\ [café] (1+1)?'\n    phase: proposed\n")
    own = schema("--config", cfg)
    mbc = MADE.replace("24/00083", "MBC/2024/083").replace("Decision Made", "Signed  off")
    expect(own, "a council's own status and reference", mbc, [])
    expect(own, "a status with quotes, a backslash, brackets and é, in another case",
           mbc.replace("Signed  off", 'held "in"  ABEYANCE \\ [café] (1+1)?')
           .replace("reasons: The units are full.\n", ""), [])
    if own.schema["properties"]["status"]["anyOf"][0]["enum"][2] != 'Held "in" abeyance \\ [café] (1+1)?':
        fail("the status names are not the schema's enum, as written: %r"
             % own.schema["properties"]["status"]["anyOf"][0]["enum"])
    expect(own, "a council's own made phase", mbc.replace("reasons: The units are full.\n", ""),
           [": 'reasons' is a required property"])
    expect(own, "a status of the built-in list only", mbc.replace("Signed  off", "Decision Made"),
           ["status: 'Decision Made' is not valid under any of the given schemas"])
    expect(own, "a reference of the default pattern", MADE.replace("Decision Made", "Signed Off"),
           ["reference: '24/00083' does not match '^MBC/[0-9]{4}/[0-9]{3}$'"])
    print("schema: a decrec.yaml's statuses and reference_pattern ([[:digit:]] included) are the schema's")

# ---- a reference_pattern ECMAScript cannot say: no pattern, never a wrong one ---
for pat in ("^\\<[0-9]{2}/[0-9]{5}\\>$", "^[0-9]{,2}/[0-9]{5}$"):
    with tempfile.TemporaryDirectory() as tmp:
        cfg = os.path.join(tmp, "decrec.yaml")
        with open(cfg, "w") as fp:
            fp.write("reference_pattern: '%s'\n" % pat)
        gnu = schema("--config", cfg)
        if "allOf" in gnu.schema["properties"]["reference"]:
            fail("reference_pattern %s is in the schema: %r" % (pat, gnu.schema["properties"]["reference"]))
        expect(gnu, "reference_pattern %s left out" % pat, MADE, [])
print("schema: a reference_pattern with GNU escapes or {,n} bounds is left out of the schema")

# ---- rules turned off: what decrec accepts, the schema accepts -----------------
with tempfile.TemporaryDirectory() as tmp:
    cfg = os.path.join(tmp, "decrec.yaml")
    with open(cfg, "w") as fp:
        fp.write("rules:\n  reference-format: off\n  missing-field: off\n  unknown-field: off\n")
    lax = schema("--config", cfg)
    expect(lax, "rules off: another reference, no reasons, a field of the council's own",
           MADE.replace("24/00083", "KCC-2024-83").replace("reasons: The units are full.\n", "")
           + "officer_notes: seen\n", [])
    expect(lax, "rules off: the other rules still hold", MADE.replace("Decision Made", "Done"),
           ["status: 'Done' is not valid under any of the given schemas"])
    print("schema: rules turned off in decrec.yaml (reference-format, missing-field, "
          "unknown-field) are off in the schema")

# ---- what the schema refuses, decrec refuses ----------------------------------
cases = sorted(glob.glob("tests/cases/*.yaml"))
refused = unreadable = 0
for f in cases:
    with open(f, "rb") as fp:
        raw = fp.read()
    try:
        docs = load_all(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError):
        docs = None
    bad = docs is None or any(errors(defaults, d) for d in docs)
    if not bad:
        continue
    st = subprocess.run([DECREC, "validate", "--no-config", "-q", "--today", "2026-01-01", f],
                        capture_output=True, text=True)
    if st.returncode != 1:
        fail("%s fails the schema%s, but decrec validate exits %d: an editor would refuse what "
             "decrec accepts" % (f, "" if docs is not None else " (not YAML 1.2)", st.returncode))
    refused += docs is not None
    unreadable += docs is None
    checks += 1
print("schema: of the %d files of tests/cases/, decrec finds errors in each of the %d the schema "
      "refuses and the %d a YAML reader refuses" % (len(cases), refused, unreadable))
if refused < 20:
    fail("only %d files of tests/cases/ fail the schema" % refused)
print("schema: %d checks passed" % checks)
