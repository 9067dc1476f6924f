// ajv on YAML records as ajv-cli 5 would do it if it could read them: the same
// ajv 8 and js-yaml 3 that ajv-cli installs, with bench/record.schema.json.
//
//     node ajv-check.js SCHEMA PATH ...
//
// Why not `ajv validate -d 'records/*.yaml'` itself: ajv-cli 5 loads YAML with
// js-yaml's default schema, which turns 2024-07-19 into a JavaScript Date (so
// every record fails `"type": "string"`), refuses multi-document files, and
// exits 2 at the first file js-yaml cannot load (a duplicate key), skipping
// the rest. Here each file is loaded with js-yaml's CORE_SCHEMA (YAML 1.2
// core: dates stay strings; yes/no are strings too, unlike the record
// format), every document of it (loadAll), and a file that does not load
// counts as one error. ajv runs with allErrors, as python-jsonschema and
// decrec report every error. Directories are walked as decrec walks them.
// Prints "N errors in M of K records (F files)"; exits 1 when N > 0.
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv");
const yaml = require("js-yaml");

function* files(p) {
  if (!fs.statSync(p).isDirectory()) {
    yield p;
    return;
  }
  const names = fs.readdirSync(p).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const q = path.join(p, name);
    const st = fs.lstatSync(q);
    if (st.isDirectory()) yield* files(q);
    else if (name !== "decrec.yaml" && /\.ya?ml$/.test(name)) yield q;
  }
}

function main(argv) {
  if (argv.length < 2) {
    console.error("usage: node ajv-check.js SCHEMA PATH ...");
    return 2;
  }
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(argv[0], "utf8")));
  let nerrors = 0, nbad = 0, nrecords = 0, nfiles = 0;
  const out = [];
  for (const arg of argv.slice(1)) {
    for (const file of files(arg)) {
      nfiles++;
      let docs;
      try {
        docs = yaml.loadAll(fs.readFileSync(file, "utf8"), null, { schema: yaml.CORE_SCHEMA, filename: file });
      } catch (e) {
        out.push(`${file}: ${String(e.message).split("\n")[0]}`);
        nerrors++;
        nbad++;
        continue;
      }
      docs.forEach((doc, i) => {
        nrecords++;
        if (validate(doc)) return;
        for (const err of validate.errors)
          out.push(`${file}: document ${i + 1}: ${err.instancePath || "/"}: ${err.message}`);
        nerrors += validate.errors.length;
        nbad++;
      });
    }
  }
  out.push(`${nerrors} errors in ${nbad} of ${nrecords} records (${nfiles} files)`);
  process.stdout.write(out.join("\n") + "\n");
  return nerrors ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
