#!/usr/bin/python3
"""What a council would run instead of decrec, in Python: PyYAML's C loader and
python-jsonschema with bench/record.schema.json.

    jsonschema-check.py SCHEMA PATH ...

A PATH that is a directory adds the *.yaml / *.yml files under it, in byte order
of names, hidden entries and decrec.yaml skipped (as decrec walks it). Every
document of every file is loaded with yaml.CSafeLoader (safe_load_all: several
records per file are allowed) and validated; a file that does not load counts
as one error. Prints "N errors in M of K records (F files)" and exits 1 when
N > 0, 0 otherwise.

One change to the loader, which any user of a JSON Schema on YAML must make:
YAML 1.1 timestamps (2024-07-19) are loaded as strings, not datetime.date, since
JSON has no date type and the schema checks the date's text. Booleans keep
PyYAML's YAML 1.1 rules (yes/no are booleans), as in the record format.
Duplicate keys are not seen: PyYAML keeps the last value silently.
"""
import os
import sys

import jsonschema
import yaml

if not hasattr(yaml, "CSafeLoader"):
    sys.exit("jsonschema-check: this PyYAML has no C loader (yaml.CSafeLoader); "
             "install Debian's python3-yaml")


class Loader(yaml.CSafeLoader):
    pass


Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def files(path):
    if not os.path.isdir(path):
        yield path
        return
    for name in sorted(os.listdir(path), key=os.fsencode):
        if name.startswith("."):
            continue
        p = os.path.join(path, name)
        if os.path.isdir(p) and not os.path.islink(p):
            yield from files(p)
        elif name != "decrec.yaml" and name.endswith((".yaml", ".yml")):
            yield p


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: jsonschema-check.py SCHEMA PATH ...")
    import json
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    nerrors = nbad = nrecords = nfiles = 0
    for arg in sys.argv[2:]:
        for path in files(arg):
            nfiles += 1
            try:
                with open(path, "rb") as f:
                    docs = list(yaml.load_all(f.read(), Loader=Loader))
            except (OSError, yaml.YAMLError) as e:
                print(f"{path}: {str(e).splitlines()[0]}")
                nerrors += 1
                nbad += 1
                continue
            for i, doc in enumerate(docs):
                nrecords += 1
                errs = 0
                for err in validator.iter_errors(doc):
                    where = "/" + "/".join(str(p) for p in err.absolute_path)
                    print(f"{path}: document {i + 1}: {where}: {err.message}")
                    errs += 1
                nerrors += errs
                nbad += errs > 0
    print(f"{nerrors} errors in {nbad} of {nrecords} records ({nfiles} files)")
    return 1 if nerrors else 0


if __name__ == "__main__":
    sys.exit(main())
