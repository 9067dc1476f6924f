// Checks decrec's rendered HTML pages in a real browser (headless Chromium).
//
//   node tests/browser/check.mjs PAGES_DIR [OUT_DIR [SITE_DIR]]
//
// PAGES_DIR holds NAME.record.html and NAME.details.html pages, as written by
// `decrec render -t html --template record|details`, and NAME.plan.html and
// NAME.notice.html, as written by `decrec plan -t html` and `decrec notice -t
// html` (a listing: items under headings, each a fact box). Each page is loaded by
// file:// URL on a desktop (1280x900) and a phone (390x844, scale 2) and must:
// be well-formed for people and assistive technology (lang, title, viewport,
// one h1 with the expected text, no skipped heading level, facts in a <dl>,
// lists as <ul>/<li>, documents as links, valid <time datetime>); load
// nothing but itself; run no script and carry no script hook; fit a phone
// without horizontal scrolling; print on A4 without the screen's dark band,
// and in the PDF (read page by page with poppler's pdftotext): the
// reference and "page / pages" at the foot of every page, no heading as the
// last line of a page, no fact box split over two pages, and the signature
// block not alone at the top of a page. A listing's PDF has every item's
// reference and title, each item's fact box on the page of its heading.
// Every page is also run through axe-core's WCAG 2.0, 2.1 and 2.2 A and AA
// rules (in a context of its own, the only one where a script is let in),
// with no violation allowed.
// Screenshots and a PDF of each page go to OUT_DIR for people to look at.
// With SITE_DIR, a site built by `decrec site` is checked too (see
// SITE_PAGES below): its pages at both sizes, axe-core, links, exempt text.
//
// Needs playwright-core and axe-core (make check-browser installs them into build/browser)
// and Chromium at /usr/bin/chromium (or $CHROMIUM).
// Prints one line per page and ends with `browser: N passed, M failed`.

import { readdirSync, mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
const PHONE = {
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
};
const SCREEN_ACCENT = 'rgb(35, 51, 110)'; // --accent, the screen's dark blue band

// What each known page must show. The key is the file name less ".html".
// h1: the heading's own text after the small span (exact), or h1Prefix.
// ref: the small span's text. documents: null (no such section), 'none'
// (the "None." paragraph), or {items, links, hrefs} for the <ul>.
// literal: escaped markup that must be shown as text (hostile pages).
// reference: printed at the foot of every page of the PDF.
const HOSTILE_TITLE = "<script>alert('title')</script>";
const HOSTILE_ITEM = `*urgent* <b>bold</b> ${HOSTILE_TITLE} [click](javascript:alert(1)) # not a heading`;
const EXPECT = {
  '24-00058.record': { reference: '24/00058',
    h1: 'RECORD OF DECISION', decisionItems: 2, documents: null,
  },
  '24-00058.details': { reference: '24/00058',
    ref: 'Decision details', h1Prefix: '24/00058 - Family hubs: ', decisionItems: 2,
    documents: 'none', times: 4,
  },
  '24-00071.record': { reference: '24/00071',
    h1: 'PROPOSED RECORD OF DECISION', decisionItems: 2,
    documents: null,
  },
  '24-00071.details': { reference: '24/00071',
    ref: 'Decision details',
    h1Prefix: '24/00071 - Highways Term Maintenance Contract', decisionItems: 2,
    documents: 'none', times: 2,
  },
  'hostile.record': { reference: '24/66666',
    h1: 'RECORD OF DECISION', decisionItems: 1, documents: null,
    // The record form shows decision_title, not title: its hostile title is
    // only in <title>. The authority, signature and decision title are shown.
    literal: [
      "<script>alert('authority')</script> & Co",
      "<img src=x onerror=alert('decision_title')>",
      "</p><script>alert('sig')</script>",
    ],
  },
  'hostile.details': { reference: '24/66666',
    ref: 'Decision details', h1Prefix: `24/66666 - *urgent* <b>bold</b> ${HOSTILE_TITLE}`,
    decisionItems: 1,
    // The two unsafe hrefs are refused: shown as plain titles, not links.
    documents: { items: 3, links: 1, hrefs: ['https://example.org/report.pdf?a=1&b=%3C2%3E'] },
    literal: [HOSTILE_TITLE, "<script>alert('authority')</script> & Co"],
  },
};

// Listings (kind 'plan' or 'notice'): items, the references and titles in
// the order shown; isNew, the references marked New; sections, the <h2>s in
// order; absent, text that must not be on the page (an exempt record's).
const PLAN_STATEMENTS = 'Documents and how to obtain them';
Object.assign(EXPECT, {
  'records.plan': { kind: 'plan', reference: 'Notice of Key Decisions 2 September 2024',
    ref: 'Published 2 September 2024', h1: 'Notice of Key Decisions',
    sections: ['Not before 25 September 2024', 'Not before 3 October 2024', 'Not before 15 October 2024',
      'Decisions under the general exception or special urgency', PLAN_STATEMENTS],
    items: [
      ['24/00074', 'Adult Social Care Charging Policy – changes to the treatment of disability-related expenditure'],
      ['24/00071', 'Highways Term Maintenance Contract – approval to extend the contract term'],
      ['24/00086', 'Kent Local Transport Plan 5 – approval of the draft plan for public consultation'],
      ['24/00078', 'Disposal of the former Oakwood House site, Maidstone'],
      ['24/00081', 'Home to school transport – award of contracts for pupils with special educational needs from September 2024'],
    ],
    isNew: ['24/00071', '24/00086', '24/00078', '24/00081'],
  },
  'records.notice': { kind: 'notice', reference: 'Call-in notice 19 July 2024 to 16 August 2024',
    ref: 'Decisions published from 19 July 2024 to 16 August 2024', h1: 'Call-in notice',
    sections: ['Decisions that may be called in', 'Decisions not subject to call-in'],
    items: [
      ['24/00058', "Family hubs: Perinatal mental health and parent infant relationship five year strategy, 'Nurturing little hearts and minds'"],
      ['24/00083', 'Provision of additional reception centre capacity for Unaccompanied Asylum Seeking Children'],
    ],
    isNew: [],
  },
  'hostile.plan': { kind: 'plan', reference: 'Notice of Key Decisions 1 July 2024',
    ref: 'Published 1 July 2024', h1: 'Notice of Key Decisions',
    sections: ['Not before 26 July 2024', PLAN_STATEMENTS],
    items: [['24/00099', 'Disposal of a surplus depot site'], ['24/66666', HOSTILE_ITEM]],
    isNew: [],
    literal: [HOSTILE_TITLE, "<img src=x onerror=alert('doc')>", "</li><script>alert('li')</script>"],
    absent: ['XEXEMPT'],
  },
  'hostile.notice': { kind: 'notice', reference: 'Call-in notice 19 July 2024',
    ref: 'Decisions published on 19 July 2024', h1: 'Call-in notice',
    sections: ['Decisions that may be called in'],
    items: [['24/00099', 'Disposal of a surplus depot site'], ['24/66666', HOSTILE_ITEM]],
    isNew: [],
    literal: [HOSTILE_TITLE],
    absent: ['XEXEMPT'],
  },
});

function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error('usage: node tests/browser/check.mjs PAGES_DIR [OUT_DIR [SITE_DIR]]');
  process.exit(2);
}

// playwright-core, or the text of axe-core's axe.min.js (what = 'axe').
function loadModule(pagesDir, what) {
  // Where `make check-browser` installs them: $(BUILD)/browser, the parent of
  // the pages directory; then build/browser under the working directory;
  // then the usual resolution (NODE_PATH too).
  const places = [
    join(pagesDir, '..', 'package.json'),
    join(process.cwd(), 'build', 'browser', 'package.json'),
    join(process.cwd(), 'package.json'),
  ];
  for (const p of places) {
    try {
      const req = createRequire(p);
      return what === 'axe' ? readFileSync(req.resolve('axe-core/axe.min.js'), 'utf8') : req('playwright-core');
    } catch { /* next */ }
  }
  return null;
}

// axe-core's rules of WCAG 2.0, 2.1 and 2.2, levels A and AA.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

// The page through axe-core, at one size: no violation. The page's CSP lets
// no script in, so this context bypasses it; the page's own no-script checks
// run in the other contexts, where the CSP holds.
async function accessibility(browser, r, url, axeSource, label, size) {
  const ctx = await browser.newContext({ ...size, bypassCSP: true });
  try {
    const page = await ctx.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const res = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const out = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return {
        rules: out.passes.length + out.violations.length + out.incomplete.length,
        violations: out.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`),
      };
    }, AXE_TAGS);
    r.check(res.rules > 0, `${label}: axe-core ran no rule`);
    r.check(res.violations.length === 0, `${label}: axe-core WCAG 2.2 AA violation(s): ${res.violations.join(' | ')}`);
  } finally {
    await ctx.close();
  }
}

// One page's findings: every check counts; failures keep their message.
class Report {
  constructor(name) { this.name = name; this.checks = 0; this.failures = []; }
  check(ok, msg) { this.checks++; if (!ok) this.failures.push(msg); return ok; }
  fail(msg) { this.check(false, msg); }
}

// Everything that proves a page ran nothing and fetched nothing, for one load.
function watch(page, report, label, ownUrl) {
  const seen = { requests: [], dialogs: [], console: [], errors: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('dialog', (d) => {
    seen.dialogs.push(`${d.type()} "${d.message()}"`);
    d.dismiss().catch(() => {});
  });
  page.on('console', (m) => seen.console.push(`${m.type()}: ${m.text().slice(0, 160)}`));
  page.on('pageerror', (e) => seen.errors.push(String(e && e.message || e)));
  return () => {
    const foreign = seen.requests.filter((u) => u !== ownUrl);
    report.check(foreign.length === 0,
      `${label}: requested something other than the page itself: ${foreign.join(', ')}`);
    report.check(seen.requests.length >= 1,
      `${label}: no request for the page itself was seen (${ownUrl})`);
    report.check(seen.dialogs.length === 0, `${label}: a script opened a dialog: ${seen.dialogs.join('; ')}`);
    report.check(seen.console.length === 0, `${label}: console message(s): ${seen.console.join(' | ')}`);
    report.check(seen.errors.length === 0, `${label}: page error(s): ${seen.errors.join(' | ')}`);
  };
}

// Runs in the page: the document's structure and any script hook.
function inspect() {
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
  const out = {};
  out.lang = document.documentElement.getAttribute('lang');
  out.title = document.title;
  out.titleCount = document.querySelectorAll('head > title').length;
  const vp = document.querySelector('meta[name="viewport"]');
  out.viewport = vp ? vp.getAttribute('content') : null;

  const h1s = [...document.querySelectorAll('h1')];
  out.h1Count = h1s.length;
  if (h1s.length) {
    const h1 = h1s[0];
    const ref = h1.querySelector('span.ref');
    out.h1Ref = text(ref);
    let own = '';
    for (const n of h1.childNodes) if (n !== ref) own += n.textContent;
    out.h1Own = own.replace(/\s+/g, ' ').trim();
    out.h1Text = text(h1);
  }
  out.headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map((h) => ({ level: Number(h.tagName[1]), text: text(h).slice(0, 60) }));
  // For the PDF: whole headings, the labels of each fact box, the signature.
  out.headingTexts = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(text);
  out.factBoxes = [...document.querySelectorAll('dl.facts')]
    .map((dl) => [...dl.querySelectorAll(':scope > dt')].map(text));
  // The signature block prints as its labels' line ("signed date"), under a
  // line of name and date when it has either.
  const sig = document.querySelector('.signature');
  out.signature = sig ? {
    labels: [...sig.querySelectorAll('span')].map(text).join(' '),
    filled: [...sig.querySelectorAll('p')].some((p) => {
      let own = '';
      for (const n of p.childNodes) if (n.nodeName !== 'SPAN') own += n.textContent;
      return own.trim() !== '';
    }),
  } : null;

  out.dls = [...document.querySelectorAll('dl')].map((dl) => {
    const kids = [...dl.children].map((c) => c.tagName.toLowerCase());
    return { cls: dl.className, kids };
  });
  out.factsFirst = (() => {
    const h1 = h1s[0];
    let n = h1 ? h1.nextElementSibling : null;
    return n ? n.tagName.toLowerCase() + (n.className ? '.' + n.className : '') : null;
  })();

  const sectionOf = (id) => {
    const h = document.getElementById(id);
    return h ? h.closest('section') : null;
  };
  const dec = sectionOf('decision');
  out.decision = dec ? {
    uls: dec.querySelectorAll('ul').length,
    lis: dec.querySelectorAll('ul > li').length,
    strayLis: [...dec.querySelectorAll('li')].filter((li) => !/^(UL|OL)$/.test(li.parentElement.tagName)).length,
    fakeBullets: [...dec.querySelectorAll('p')].filter((p) => /^\s*[-•*]\s/.test(p.textContent)).length,
  } : null;

  const docs = sectionOf('documents');
  out.documents = docs ? {
    none: [...docs.querySelectorAll('p')].some((p) => p.textContent.trim() === 'None.'),
    uls: docs.querySelectorAll('ul').length,
    items: docs.querySelectorAll('ul > li').length,
    links: [...docs.querySelectorAll('ul > li > a')].map((a) => ({ href: a.href, raw: a.getAttribute('href'), text: text(a) })),
  } : null;

  // A listing's items: each <article class="item"> under its heading.
  out.items = [...document.querySelectorAll('article.item')].map((a) => {
    const h = a.querySelector('h3');
    const ref = h ? h.querySelector('span.ref') : null;
    let own = '';
    if (h) for (const n of h.childNodes) if (n !== ref) own += n.textContent;
    const dts = [...a.querySelectorAll('dl.facts > dt')].map(text);
    return {
      heading: h ? text(h) : null, title: own.replace(/\s+/g, ' ').trim(),
      reference: ref ? text(ref.firstChild) : null, isNew: !!(ref && ref.querySelector('.new')),
      labelled: a.getAttribute('aria-labelledby') === (h && h.id), facts: a.querySelectorAll('dl.facts').length,
      lastDt: dts.length ? dts[dts.length - 1] : null,
    };
  });
  out.sections = [...document.querySelectorAll('main h2')].map(text);
  out.ids = [...document.querySelectorAll('[id]')].map((e) => e.id);

  out.times = [...document.querySelectorAll('time')].map((t) => ({
    datetime: t.getAttribute('datetime'), text: text(t),
  }));

  out.scripts = document.scripts.length;
  out.handlers = [];
  out.badUrls = [];
  const URL_ATTRS = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background']);
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) out.handlers.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 40)}">`);
      if (name === 'srcdoc') out.badUrls.push(`<${el.tagName.toLowerCase()} srcdoc>`);
      if (URL_ATTRS.has(name)) {
        // The URL parser drops leading/trailing C0 controls and spaces and any
        // tab or newline inside, so "java\tscript:" is javascript: too.
        const v = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (/^(javascript|vbscript|data):/.test(v)) {
          out.badUrls.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 40)}">`);
        }
      }
    }
  }
  out.visible = document.body ? document.body.innerText : '';
  return out;
}

function validDatetime(s) {
  if (typeof s !== 'string') return false;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return false;
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] || 0) > 59)) return false;
    return true;
  }
  m = /^(\d{4})-(\d{2})$/.exec(s); // a month
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12;
  return /^\d{4}$/.test(s); // a year
}

function structure(r, info, name, expect) {
  r.check(info.lang === 'en-GB', `<html lang> is ${JSON.stringify(info.lang)}, expected "en-GB"`);
  r.check(info.titleCount === 1 && info.title.trim() !== '', `needs exactly one non-empty <title> (found ${info.titleCount}: ${JSON.stringify(info.title)})`);
  r.check(info.viewport !== null && /width\s*=\s*device-width/.test(info.viewport),
    `<meta name=viewport> missing or without width=device-width (${JSON.stringify(info.viewport)})`);

  r.check(info.h1Count === 1, `expected exactly one <h1>, found ${info.h1Count}`);
  if (info.h1Count >= 1 && expect) {
    if (expect.ref) r.check(info.h1Ref === expect.ref, `<h1> span.ref reads ${JSON.stringify(info.h1Ref)}, expected ${JSON.stringify(expect.ref)}`);
    if (expect.h1) r.check(info.h1Own === expect.h1, `<h1> reads ${JSON.stringify(info.h1Own)}, expected ${JSON.stringify(expect.h1)}`);
    if (expect.h1Prefix) r.check(info.h1Own.startsWith(expect.h1Prefix), `<h1> reads ${JSON.stringify(info.h1Own)}, expected it to start ${JSON.stringify(expect.h1Prefix)}`);
  } else if (info.h1Count >= 1) {
    r.check(info.h1Own !== '', '<h1> has no text of its own');
  }

  const hs = info.headings;
  r.check(hs.length > 0 && hs[0].level === 1, `the first heading must be <h1> (got ${hs.length ? 'h' + hs[0].level : 'none'})`);
  for (let i = 1; i < hs.length; i++) {
    if (hs[i].level > hs[i - 1].level + 1) {
      r.fail(`heading level skipped: h${hs[i - 1].level} "${hs[i - 1].text}" then h${hs[i].level} "${hs[i].text}"`);
    }
  }
  r.checks++;

  if (expect && expect.kind) {
    listing(r, info, expect);
    return;
  }
  r.check(info.factsFirst === 'dl.facts', `the facts after the <h1> must be a <dl class="facts"> (found ${info.factsFirst})`);
  dlPairs(r, info);


  if (r.check(info.decision !== null, 'no section headed by <h2 id="decision">')) {
    const d = info.decision;
    r.check(d.uls >= 1 && d.lis >= 1, `the decision's list is not a <ul>/<li> (${d.uls} ul, ${d.lis} li)`);
    r.check(d.strayLis === 0, `the decision has ${d.strayLis} <li> outside a list`);
    r.check(d.fakeBullets === 0, `the decision has ${d.fakeBullets} paragraph(s) that look like bullets but are not list items`);
    if (expect && expect.decisionItems !== undefined) {
      r.check(d.lis === expect.decisionItems, `the decision's list has ${d.lis} items, expected ${expect.decisionItems}`);
    }
  }

  const want = expect ? expect.documents : undefined;
  const docs = info.documents;
  if (want === null) {
    r.check(docs === null, 'a record form should have no "Accompanying Documents" section');
  } else if (want === 'none') {
    r.check(docs !== null && docs.none && docs.uls === 0,
      `"Accompanying Documents" should say "None." and hold no list (${JSON.stringify(docs)})`);
  } else if (docs !== null || want) {
    if (r.check(docs !== null, 'no section headed by <h2 id="documents">')) {
      if (!docs.none || docs.uls > 0) {
        r.check(docs.uls === 1, `the accompanying documents are not one <ul> (${docs.uls})`);
        const empty = docs.links.filter((a) => !a.raw || !a.text);
        r.check(empty.length === 0, `document link(s) with no href or no text: ${JSON.stringify(empty)}`);
        if (want) {
          r.check(docs.items === want.items, `the documents list has ${docs.items} items, expected ${want.items}`);
          r.check(docs.links.length === want.links, `the documents list has ${docs.links.length} links, expected ${want.links}`);
          const hrefs = docs.links.map((a) => a.href);
          r.check(JSON.stringify(hrefs) === JSON.stringify(want.hrefs), `document links ${JSON.stringify(hrefs)}, expected ${JSON.stringify(want.hrefs)}`);
        } else {
          r.check(docs.links.length === docs.items, `every document should be an <a>: ${docs.links.length} links in ${docs.items} items`);
        }
      }
    }
  }

  times(r, info, expect);
}

// Every <dl> on the page holds dt/dd pairs and nothing else.
function dlPairs(r, info) {
  r.check(info.dls.length >= 1, 'no <dl> on the page');
  for (const [i, dl] of info.dls.entries()) {
    const k = dl.kids;
    let ok = k.length >= 2 && k.length % 2 === 0;
    for (let j = 0; ok && j < k.length; j += 2) ok = k[j] === 'dt' && k[j + 1] === 'dd';
    r.check(ok, `<dl> #${i + 1} must hold only dt/dd pairs, has: ${k.join(' ')}`);
  }
}

function times(r, info, expect) {
  if (expect && expect.times !== undefined) {
    r.check(info.times.length === expect.times, `${info.times.length} <time> elements, expected ${expect.times}`);
  }
  for (const t of info.times) {
    r.check(validDatetime(t.datetime), `<time datetime=${JSON.stringify(t.datetime)}>${t.text}</time> has no valid datetime`);
  }
}

// A plan or a notice: its sections in order, each item an article named by
// its heading with one fact box, the items and their New marks as expected,
// ids unique, an exempt record's text absent.
function listing(r, info, expect) {
  dlPairs(r, info);
  r.check(JSON.stringify(info.sections) === JSON.stringify(expect.sections),
    `the sections (<h2>) are ${JSON.stringify(info.sections)}, expected ${JSON.stringify(expect.sections)}`);
  const got = info.items.map((it) => [it.reference, it.title]);
  r.check(JSON.stringify(got) === JSON.stringify(expect.items),
    `the items (reference, title) are ${JSON.stringify(got)}, expected ${JSON.stringify(expect.items)}`);
  for (const it of info.items) {
    r.check(it.labelled, `item ${it.reference}: the <article> is not labelled by its <h3>`);
    r.check(it.facts === 1, `item ${it.reference}: ${it.facts} fact boxes, expected 1`);
  }
  const marked = info.items.filter((it) => it.isNew).map((it) => it.reference);
  r.check(JSON.stringify(marked) === JSON.stringify(expect.isNew),
    `the items marked New are ${JSON.stringify(marked)}, expected ${JSON.stringify(expect.isNew)}`);
  const dup = info.ids.filter((id, i) => info.ids.indexOf(id) !== i);
  r.check(dup.length === 0, `duplicate id(s): ${dup.join(' ')}`);
  for (const a of expect.absent || []) {
    r.check(!info.visible.includes(a) && !info.title.includes(a), `${JSON.stringify(a)} (exempt) is on the page`);
  }
  times(r, info, expect);
}

function noScripts(r, info, label) {
  r.check(info.scripts === 0, `${label}: document.scripts.length is ${info.scripts}`);
  r.check(info.handlers.length === 0, `${label}: event handler attribute(s): ${info.handlers.join(' ')}`);
  r.check(info.badUrls.length === 0, `${label}: javascript:/vbscript:/data: URL(s) or srcdoc: ${info.badUrls.join(' ')}`);
}

// The text of page n of a PDF file, as lines with runs of white space made
// one space, blank lines dropped; null when pdftotext is missing.
function pdfPageLines(file, n) {
  let out;
  try {
    out = execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
  return out.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '');
}

// Multi-page PDFs whose pages were checked, over all pages: the per-page
// checks must have run on at least one, or they proved nothing.
let multiPagePdfs = 0;

// The printed pages: the foot of each page, headings, fact boxes, signature.
function printedPages(r, file, pages, info, expect) {
  const norm = (t) => t.replace(/\s+/g, ' ').trim();
  const text = [];
  for (let n = 1; n <= pages; n++) {
    const lines = pdfPageLines(file, n);
    if (lines === null) {
      r.fail('pdftotext (poppler-utils) is not installed: apt-get install poppler-utils');
      return;
    }
    text.push(lines);
  }
  if (pages >= 2) multiPagePdfs++;
  const headings = info.headingTexts.map(norm).filter((h) => h !== '');
  for (let n = 1; n <= pages; n++) {
    const lines = text[n - 1];
    const foot = lines.length ? lines[lines.length - 1] : '';
    // The foot: "REFERENCE ... n / pages". Pages not known by name need only
    // the page number.
    const footOk = expect && expect.reference
      ? foot.replace(/ /g, '') === `${expect.reference}${n}/${pages}`.replace(/ /g, '')
      : foot.replace(/ /g, '').endsWith(`${n}/${pages}`);
    r.check(footOk, `PDF page ${n} of ${pages}: the foot reads ${JSON.stringify(foot)}, expected the reference ${expect && expect.reference || ''} and ${n} / ${pages}`);
    const last = lines.length - (footOk ? 2 : 1) >= 0 ? lines[lines.length - (footOk ? 2 : 1)] : '';
    const heading = headings.find((h) => last !== '' && h.endsWith(last));
    r.check(n === pages || heading === undefined,
      `PDF page ${n}: its last line ${JSON.stringify(last)} is the heading ${JSON.stringify(heading)}, parted from what follows`);
  }
  // Each fact box on one page: its first and last labels on the same page
  // (their first three words: a long label wraps beside its value).
  const start = (t) => norm(t).split(' ').slice(0, 3).join(' ');
  let from = 0;
  for (const dts of info.factBoxes) {
    if (dts.length < 2) continue;
    const first = start(dts[0]);
    const lastDt = start(dts[dts.length - 1]);
    const at = text.findIndex((lines, i) => i >= from && lines.some((l) => l.includes(first)));
    if (!r.check(at >= 0, `PDF: the fact box starting "${first}" is not found`)) continue;
    r.check(text[at].some((l) => l.includes(lastDt)),
      `PDF page ${at + 1}: the fact box "${first}" ... "${lastDt}" is split over two pages`);
    from = at;
  }
  // A listing: every item's reference and title printed, and its fact box
  // (its last label) on the page of its heading, after it.
  if (expect && expect.kind) {
    const all = norm(text.map((lines) => lines.join(' ')).join(' '));
    for (const [ref, title] of expect.items) {
      r.check(all.includes(ref), `PDF: the item ${ref} is not printed`);
      // Compared without white space: a line may break after a hyphen.
      r.check(all.replace(/ /g, '').includes(title.replace(/\s/g, '')),
        `PDF: the title of ${ref} is not printed whole: ${JSON.stringify(title)}`);
    }
    let page = 0;
    for (const it of info.items) {
      if (!it.lastDt) continue;
      let at = -1;
      let line = -1;
      for (let n = page; n < pages && at < 0; n++) {
        line = text[n].findIndex((l) => l.startsWith(it.reference));
        if (line >= 0) at = n;
      }
      if (!r.check(at >= 0, `PDF: no line starts with the item ${it.reference}`)) continue;
      r.check(text[at].slice(line + 1).some((l) => l.includes(start(it.lastDt))),
        `PDF page ${at + 1}: the facts of ${it.reference} do not end on the page of its heading ("${start(it.lastDt)}" not after it)`);
      page = at;
    }
  }
  // The signature block is never alone at the top of a page.
  if (info.signature) {
    const labels = norm(info.signature.labels);
    const at = text.findIndex((lines) => lines.includes(labels));
    if (r.check(at >= 0, `PDF: the signature block's line ${JSON.stringify(labels)} is not found`)) {
      const start = text[at].indexOf(labels) - (info.signature.filled ? 1 : 0);
      r.check(start > 0, `PDF page ${at + 1}: the signature block starts the page, parted from the last section`);
    }
  }
}

function pdfPages(buf) {
  const s = buf.toString('latin1');
  const pages = (s.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  if (pages) return pages;
  const m = /\/Type\s*\/Pages[\s\S]{0,200}?\/Count\s+(\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

async function checkPage(browser, file, name, outDir, axeSource) {
  const r = new Report(name);
  const url = pathToFileURL(file).href;
  const expect = EXPECT[name];

  // Desktop: structure, script hooks, print.
  const desk = await browser.newContext(DESKTOP);
  try {
    const page = await desk.newPage();
    const done = watch(page, r, 'desktop', url);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(150); // a late timer or refresh would show by now
    const info = await page.evaluate(inspect);
    structure(r, info, name, expect);
    noScripts(r, info, 'desktop');
    if (expect && expect.literal) {
      for (const lit of expect.literal) {
        r.check(info.visible.includes(lit), `escaped markup ${JSON.stringify(lit)} is not shown as text (deleted or interpreted?)`);
      }
    }
    await page.screenshot({ path: join(outDir, `${name}-desktop.png`), fullPage: true });

    const screenBand = await page.evaluate(() => {
      const h = document.querySelector('header.authority');
      return h ? getComputedStyle(h).backgroundColor : null;
    });
    r.check(screenBand === SCREEN_ACCENT, `the screen's header band is ${screenBand}, expected the dark blue ${SCREEN_ACCENT}`);

    let pdf = null;
    try {
      pdf = await page.pdf({ format: 'A4' });
    } catch (e) {
      r.fail(`page.pdf({format: 'A4'}) failed: ${e.message.split('\n')[0]}`);
    }
    if (pdf) {
      const pdfFile = join(outDir, `${name}.pdf`);
      writeFileSync(pdfFile, pdf);
      const n = pdfPages(pdf);
      r.check(n >= 1, `the A4 PDF has ${n} pages`);
      if (n >= 1) printedPages(r, pdfFile, n, info, expect);
    }

    await page.emulateMedia({ media: 'print' });
    const printBand = await page.evaluate(() => {
      const h = document.querySelector('header.authority');
      if (!h) return null;
      const cs = getComputedStyle(h);
      return { bg: cs.backgroundColor, color: cs.color };
    });
    if (r.check(printBand !== null, 'no <header class="authority"> band')) {
      r.check(printBand.bg !== SCREEN_ACCENT, `in print the header band keeps the screen's dark blue background (${printBand.bg})`);
      r.check(printBand.color !== 'rgb(255, 255, 255)', `in print the header text is white (${printBand.color}): invisible on paper without backgrounds`);
    }
    await page.screenshot({ path: join(outDir, `${name}-print.png`), fullPage: true });
    done();
  } finally {
    await desk.close();
  }

  // Phone: fits without horizontal scrolling, readable type, and the same
  // no-script guarantees for a touch browser.
  const phone = await browser.newContext(PHONE);
  try {
    const page = await phone.newPage();
    const done = watch(page, r, 'phone', url);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(150);
    const m = await page.evaluate((width) => {
      const de = document.documentElement;
      const wide = [];
      for (const el of document.body.querySelectorAll('*')) {
        const b = el.getBoundingClientRect();
        const right = Math.max(b.right, b.left + el.scrollWidth); // content overflowing its box too
        if (right > width + 0.5) wide.push(`<${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}> right=${Math.round(right)}`);
      }
      return {
        scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, innerWidth: window.innerWidth,
        bodyFont: parseFloat(getComputedStyle(document.body).fontSize), wide: wide.slice(0, 5),
      };
    }, PHONE.viewport.width);
    r.check(m.innerWidth === 390, `phone layout viewport is ${m.innerWidth}px wide, expected 390 (no <meta name=viewport>, or content so wide the phone zooms out)`);
    r.check(m.scrollWidth <= 390, `phone: the page scrolls sideways: scrollWidth ${m.scrollWidth} > 390 (widest: ${m.wide.join(', ')})`);
    r.check(m.bodyFont >= 16, `phone: body font size ${m.bodyFont}px < 16px`);
    const info = await page.evaluate(inspect);
    noScripts(r, info, 'phone');
    await page.screenshot({ path: join(outDir, `${name}-phone.png`), fullPage: true });
    done();
  } finally {
    await phone.close();
  }
  await accessibility(browser, r, url, axeSource, 'axe desktop', DESKTOP);
  await accessibility(browser, r, url, axeSource, 'axe phone', PHONE);
  return r;
}


// The pages of a site built by `decrec site` (SITE_DIR, the third argument),
// each loaded by file:// URL at desktop and phone widths: well-formed (lang,
// title, viewport, one h1, no skipped heading level), nothing run and nothing
// loaded but the page, no sideways scrolling on a phone, zero axe-core
// violations, and every link into the site leading to a file of the site (a
// link ending in / to its index.html). `absent` is text that must be on no
// page and in no file of the site (an exempt record's).
const SITE_PAGES = [
  ['index', 'index.html'],
  ['decision', 'decisions/24-00058/index.html'],
  ['form', 'decisions/24-00058/record.html'],
  ['exempt', 'decisions/24-00099/index.html'],
  ['hostile', 'decisions/24-66666/index.html'],
  ['year', 'years/2024/index.html'],
  ['maker', 'makers/cabinet-member-for-adult-social-care-and-public-health/index.html'],
  ['key', 'key/index.html'],
  ['plan', 'plan/index.html'],
  ['notice', 'notice/index.html'],
  ['404', '404.html'],
];
const SITE_ABSENT = 'XEXEMPT';
// Files that must not exist: the form of the exempt record holds its text.
const SITE_NOT_PUBLISHED = ['decisions/24-00099/record.html'];

function siteLinks() {
  return [...document.querySelectorAll('a[href]')].map((a) => a.href);
}

// Every file under dir, as paths relative to it.
function allFiles(dir, base = dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...allFiles(p, base));
    else out.push(p.slice(base.length + 1));
  }
  return out;
}

async function checkSitePage(browser, siteDir, name, rel, outDir, axeSource) {
  const r = new Report(`site ${name} (${rel})`);
  const file = join(siteDir, rel);
  if (!r.check(existsSync(file), `${rel} was not written`)) return r;
  const url = pathToFileURL(file).href;
  const siteUrl = pathToFileURL(siteDir).href.replace(/\/?$/, '/');
  for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const ctx = await browser.newContext(size);
    try {
      const page = await ctx.newPage();
      const done = watch(page, r, label, url);
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(100);
      const info = await page.evaluate(inspect);
      noScripts(r, info, label);
      r.check(info.lang === 'en-GB', `${label}: <html lang> is ${JSON.stringify(info.lang)}, expected "en-GB"`);
      r.check(info.titleCount === 1 && info.title.trim() !== '' && !/\n/.test(info.title),
        `${label}: the title is ${JSON.stringify(info.title)} (${info.titleCount} <title>), expected one title on one line`);
      r.check(info.viewport === 'width=device-width, initial-scale=1', `${label}: viewport ${JSON.stringify(info.viewport)}`);
      r.check(info.h1Count === 1, `${label}: ${info.h1Count} <h1>, expected 1`);
      let prev = 0;
      for (const h of info.headings) {
        r.check(h.level <= prev + 1, `${label}: heading level skips from h${prev} to h${h.level} ("${h.text}")`);
        prev = h.level;
      }
      for (const t of info.times) {
        r.check(validDatetime(t.datetime), `${label}: <time datetime=${JSON.stringify(t.datetime)}> is not valid`);
      }
      r.check(!info.visible.includes(SITE_ABSENT) && !info.title.includes(SITE_ABSENT), `${label}: exempt text ${SITE_ABSENT} is on the page`);
      if (label === 'desktop') {
        const links = await page.evaluate(siteLinks);
        // The register's pages and a decision's lead to others; the plan and
        // the notice at least back to the register (and to each decision
        // they list); the 404 page links by the site's full address.
        const least = name === '404' ? 0 : ['plan', 'notice'].includes(name) ? 1 : 2;
        r.check(links.length >= least, `only ${links.length} link(s) on the page`);
        for (const href of links) {
          const u = new URL(href);
          if (u.protocol === 'http:' || u.protocol === 'https:') continue; // a document elsewhere: not loaded
          if (!r.check(u.protocol === 'file:' && href.startsWith(siteUrl), `link ${href} leaves the site`)) continue;
          let target = decodeURIComponent(u.pathname);
          if (target.endsWith('/')) target += 'index.html';
          r.check(existsSync(target), `link ${href} leads to no file of the site`);
        }
      } else {
        const m = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth,
          wide: [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > 390.5)
            .slice(0, 5).map((el) => `<${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}>`) }));
        r.check(m.scrollWidth <= 390, `phone: the page scrolls sideways: scrollWidth ${m.scrollWidth} > 390 (widest: ${m.wide.join(', ')})`);
      }
      await page.screenshot({ path: join(outDir, `site-${name}-${label}.png`), fullPage: true });
      done();
    } finally {
      await ctx.close();
    }
  }
  await accessibility(browser, r, url, axeSource, 'axe desktop', DESKTOP);
  await accessibility(browser, r, url, axeSource, 'axe phone', PHONE);
  return r;
}

// The whole site's files: no exempt text in any, no form of the exempt record.
function siteFiles(siteDir) {
  const r = new Report('site files');
  const files = allFiles(siteDir);
  r.check(files.length >= SITE_PAGES.length, `only ${files.length} files in ${siteDir}`);
  for (const f of files) {
    r.check(!readFileSync(join(siteDir, f), 'latin1').includes(SITE_ABSENT), `${f} holds exempt text ${SITE_ABSENT}`);
  }
  for (const f of SITE_NOT_PUBLISHED) r.check(!existsSync(join(siteDir, f)), `${f} is published: it holds exempt text`);
  return r;
}

async function main() {
  const [pagesArg, outArg, siteArg] = process.argv.slice(2);
  if (!pagesArg) usage();
  const pagesDir = resolve(pagesArg);
  const outDir = resolve(outArg || join(pagesDir, '..', 'screenshots'));
  if (!existsSync(pagesDir)) usage(`no such directory: ${pagesDir}`);
  const files = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort();
  if (files.length === 0) usage(`no .html pages in ${pagesDir}`);
  mkdirSync(outDir, { recursive: true });

  const pw = loadModule(pagesDir, 'playwright');
  const axeSource = loadModule(pagesDir, 'axe');
  if (!pw || !axeSource) {
    console.error('check.mjs: playwright-core or axe-core is not installed: run `make check-browser`, or npm install --prefix build/browser');
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`check.mjs: no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM)`);
    process.exit(2);
  }
  const browser = await pw.chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60000 });
  let passed = 0;
  let failed = 0;
  try {
    for (const f of files) {
      const name = f.slice(0, -'.html'.length);
      let r;
      try {
        r = await checkPage(browser, join(pagesDir, f), name, outDir, axeSource);
      } catch (e) {
        r = new Report(name);
        r.fail(`could not be checked: ${String(e && e.message || e).split('\n')[0]}`);
      }
      if (r.failures.length === 0) {
        passed++;
        console.log(`ok ${name} (${r.checks} checks)${EXPECT[name] ? '' : ' [generic checks only: page not known by name]'}`);
      } else {
        failed++;
        console.log(`not ok ${name} (${r.failures.length} of ${r.checks} checks failed)`);
        for (const msg of r.failures) console.log(`  - ${msg}`);
      }
    }
    if (siteArg) {
      const siteDir = resolve(siteArg);
      const reports = [siteFiles(siteDir)];
      for (const [name, rel] of SITE_PAGES) {
        try {
          reports.push(await checkSitePage(browser, siteDir, name, rel, outDir, axeSource));
        } catch (e) {
          const r = new Report(`site ${name} (${rel})`);
          r.fail(`could not be checked: ${String(e && e.message || e).split('\n')[0]}`);
          reports.push(r);
        }
      }
      for (const r of reports) {
        if (r.failures.length === 0) {
          passed++;
          console.log(`ok ${r.name} (${r.checks} checks)`);
        } else {
          failed++;
          console.log(`not ok ${r.name} (${r.failures.length} of ${r.checks} checks failed)`);
          for (const msg of r.failures) console.log(`  - ${msg}`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  if (multiPagePdfs === 0) {
    failed++;
    console.log('not ok print: no page printed on two or more A4 pages, so the per-page checks proved nothing');
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`check.mjs: ${e && e.stack || e}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
});
