"""Reads decrec's Word documents with python-docx, an independent reader,
and compares them with the same records rendered to HTML (cmark's own HTML
renderer, not decrec's WordprocessingML writer).

  python3 tests/docxread.py check DECREC DIR RECORD...
      For each record and each of the templates record and details: renders
      -t docx and -t html into DIR and checks that the document opens; that
      its text, block by block, is the page's text word for word (so nothing
      is lost, added or escaped wrongly); that the title, the Heading 1
      paragraphs, the list items (bulleted or numbered as in the page), the
      bold and italic runs and the links are the page's; that the footer
      holds the reference and the PAGE and NUMPAGES fields; and that the
      core properties hold the title and the reference. Then renders the
      first record with a council-style reference document (below) and
      checks that its fonts and header are in the output.
  python3 tests/docxread.py reference FILE
      Writes a council-style reference document with python-docx: Arial
      text, Georgia headings in the council's colour, and a header naming
      the council and its democratic services team.

Prints one line of counts and "ok", or exits 1 naming what is wrong."""

import html.parser
import os
import re
import subprocess
import sys
import zipfile

try:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor
except ImportError as e:
    sys.exit("docxread.py: %s: apt-get install python3-docx" % e)

COUNCIL_HEADER = "Example County Council - Democratic Services"
COUNCIL_FONT = "Arial"
COUNCIL_HEADING_FONT = "Georgia"
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "div",
          "section", "ul", "ol", "blockquote", "pre", "table", "tr", "td",
          "th", "br", "hr", "span"}


def fail(msg):
    sys.exit("docxread.py: " + msg)


def expect(cond, msg):
    if not cond:
        fail(msg)


def words(s):
    return s.split()


def plain(ws):
    """Words without a trailing colon: Word writes "Label: value" where the
    page has a term and its definition (<dt>, <dd>)."""
    return [w[:-1] if w.endswith(":") and len(w) > 1 else w for w in ws if w != ":"]


class Page(html.parser.HTMLParser):
    """The text of <main> with a break at each block, and the headings,
    list items, bold and italic texts and links in it. The site navigation
    of a page rendered for a site is not in these documents."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text = []
        self.h1 = []
        self.h2 = []
        self.items = []
        self.strong = []
        self.em = []
        self.links = []
        self.capture = []
        self.lists = []
        self.section = None

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
            return
        if not self.depth:
            return
        if tag in BLOCKS:
            self.text.append(" ")
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        if tag == "section":
            self.section = dict(attrs).get("aria-labelledby")
        # The form's interests are a list on the page, paragraphs in Word.
        if tag == "li" and self.section == "interests":
            return
        if tag in ("h1", "h2", "strong", "em", "li"):
            self.capture.append([tag, []])
            if tag == "li":
                self.capture[-1].append(self.lists[-1] if self.lists else "ul")
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
            return
        if not self.depth:
            return
        if tag in BLOCKS:
            self.text.append(" ")
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if self.capture and self.capture[-1][0] == tag:
            c = self.capture.pop()
            s = " ".join(words("".join(c[1])))
            if tag == "h1":
                self.h1.append(s)
            elif tag == "h2":
                self.h2.append(s)
            elif tag == "strong":
                self.strong.append(s)
            elif tag == "em":
                self.em.append(s)
            else:
                self.items.append((c[2], s))

    def handle_data(self, data):
        if not self.depth:
            return
        self.text.append(data)
        for c in self.capture:
            c[1].append(data)


def run_text(el):
    """The text of a paragraph or run as Word shows it: every w:t, in
    hyperlinks and fields too (python-docx's .text leaves those out)."""
    out = []
    for e in el.iter():
        if e.tag == qn("w:t"):
            out.append(e.text or "")
        elif e.tag in (qn("w:br"), qn("w:tab"), qn("w:cr")):
            out.append(" ")
    return "".join(out)


def blocks(body):
    """The body's paragraphs in order, table cells' paragraphs included."""
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield child
        elif child.tag == qn("w:tbl"):
            for p in child.iter(qn("w:p")):
                yield p


def style_of(p):
    ps = p.find(qn("w:pPr"))
    st = ps.find(qn("w:pStyle")) if ps is not None else None
    return st.get(qn("w:val")) if st is not None else None


def formatted(p, prop):
    """The texts of the runs of p with rPr/prop, consecutive runs joined."""
    out, cur = [], []
    for r in p.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        on = rpr is not None and rpr.find(qn(prop)) is not None
        if on:
            cur.append(run_text(r))
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return [" ".join(words(s)) for s in out if s.strip()]


def numbering_formats(document):
    """numId -> numFmt of level 0, read from word/numbering.xml."""
    part = document.part.numbering_part.element
    abstract = {}
    for a in part.iter(qn("w:abstractNum")):
        lvl = a.find(qn("w:lvl"))
        fmt = lvl.find(qn("w:numFmt")).get(qn("w:val"))
        abstract[a.get(qn("w:abstractNumId"))] = fmt
    nums = {}
    for n in part.iter(qn("w:num")):
        aid = n.find(qn("w:abstractNumId")).get(qn("w:val"))
        nums[n.get(qn("w:numId"))] = abstract[aid]
    return nums


def render(decrec, fmt, template, src, out, extra=()):
    cmd = [decrec, "render", "--no-config", "--force", "-t", fmt,
           "--template", template, "-o", out] + list(extra) + [src]
    r = subprocess.run(cmd, capture_output=True, text=True)
    expect(r.returncode in (0, 1), "%s: exit %d: %s" % (" ".join(cmd), r.returncode, r.stderr))
    expect(os.path.getsize(out) > 0, "%s is empty" % out)


def compare(path_docx, path_html, template, reference):
    name = os.path.basename(path_docx)
    expect(zipfile.is_zipfile(path_docx), name + ": not a zip file")
    d = docx.Document(path_docx)
    page = Page()
    with open(path_html, encoding="utf-8") as f:
        page.feed(f.read())
    body = d.element.body
    paras = list(blocks(body))

    # The text, word for word, in order.
    got = plain(words(" ".join(run_text(p) for p in paras)))
    want = plain(words("".join(page.text)))
    if got != want:
        i = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        fail("%s: text differs from the page at word %d: docx %r, html %r"
             % (name, i, " ".join(got[max(0, i - 5):i + 5]), " ".join(want[max(0, i - 5):i + 5])))

    # Title and headings, with the styles Word's navigation pane reads.
    by_style = {}
    for p in paras:
        by_style.setdefault(style_of(p), []).append(" ".join(words(run_text(p))))
    names = {p.style.name for p in d.paragraphs if p.style is not None}
    expect({"Title", "Heading 1"} <= names, "%s: styles %s" % (name, sorted(names)))
    titles = by_style.get("Title", [])
    heads = by_style.get("Heading1", [])
    if template == "record":
        expect(titles == page.h1, "%s: title %r, page %r" % (name, titles, page.h1))
        expect(heads == page.h2, "%s: headings %r, page %r" % (name, heads, page.h2))
    else:
        # The page's h1 is "Decision details" then the reference and title.
        expect(len(titles) == 1 and len(page.h1) == 1 and page.h1[0] == titles[0] + heads[0],
               "%s: title %r %r, page %r" % (name, titles, heads[:1], page.h1))
        expect(heads[1:] == page.h2, "%s: headings %r, page %r" % (name, heads[1:], page.h2))

    # List items: the same texts, numbered where the page's list is.
    fmts = numbering_formats(d)
    items = []
    for p in paras:
        ppr = p.find(qn("w:pPr"))
        num = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num is None:
            continue
        expect(style_of(p) == "ListParagraph", "%s: a list item in style %s" % (name, style_of(p)))
        fmt = fmts[num.find(qn("w:numId")).get(qn("w:val"))]
        items.append(("ol" if fmt == "decimal" else "ul", " ".join(words(run_text(p)))))
    want_items = page.items
    # A list item holding a nested list holds its text on the page; in Word
    # each level is its own paragraph. Compare the paragraphs' texts as the
    # start of the page's items.
    expect(len(items) == len(want_items), "%s: %d list items, page %d: %r / %r"
           % (name, len(items), len(want_items), items, want_items))
    for (k, s), (wk, ws) in zip(items, want_items):
        expect(k == wk and ws.startswith(s), "%s: list item %r %r, page %r %r" % (name, k, s, wk, ws))

    # Bold and italic: every strong and em of the page is a run of its own.
    bold = [s for p in paras for s in formatted(p, "w:b")]
    italic = [s for p in paras for s in formatted(p, "w:i")]
    for s in page.strong:
        expect(s in bold, "%s: bold %r not a bold run (%r)" % (name, s, bold))
    for s in page.em:
        expect(s in italic, "%s: italic %r not an italic run (%r)" % (name, s, italic))

    # Links: the page's, in order, as hyperlinks or HYPERLINK fields.
    rels = {r.rId: r._target for r in d.part.rels.values() if r.is_external}
    links = []
    for e in body.iter(qn("w:hyperlink"), qn("w:fldSimple")):
        if e.tag == qn("w:hyperlink"):
            links.append(rels[e.get(qn("r:id"))])
        else:
            m = re.match(r'\s*HYPERLINK\s+"([^"]*)"', e.get(qn("w:instr")))
            expect(m, "%s: field %r" % (name, e.get(qn("w:instr"))))
            links.append(m.group(1))
    expect(links == page.links, "%s: links %r, page %r" % (name, links, page.links))

    # Footer: the reference and page N of M, as fields Word fills in.
    footer = d.sections[0].footer._element
    instr = " ".join(e.get(qn("w:instr")) or "" for e in footer.iter(qn("w:fldSimple")))
    instr += " ".join(e.text or "" for e in footer.iter(qn("w:instrText")))
    expect("PAGE" in instr and "NUMPAGES" in instr, "%s: footer fields %r" % (name, instr))
    expect(reference in run_text(footer), "%s: footer %r lacks %s" % (name, run_text(footer), reference))
    sect = d.sections[0]
    expect((round(sect.page_width.mm), round(sect.page_height.mm)) == (210, 297),
           "%s: page %s x %s mm" % (name, sect.page_width.mm, sect.page_height.mm))

    cp = d.core_properties
    expect(reference in (cp.identifier or ""), "%s: identifier %r" % (name, cp.identifier))
    expect(cp.title, "%s: no title" % name)
    return len(paras), len(heads), len(items), len(links)


def reference_doc(path):
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = COUNCIL_FONT
    normal.font.size = Pt(11)
    for s in ("Title", "Heading 1", "Heading 2"):
        st = d.styles[s]
        st.font.name = COUNCIL_HEADING_FONT
        st.font.color.rgb = RGBColor(0x00, 0x5E, 0x5D)
    hp = d.sections[0].header.paragraphs[0]
    hp.text = COUNCIL_HEADER
    d.add_paragraph("This document gives its styles, fonts and header.")
    d.save(path)


def check_reference(decrec, src, out):
    ref = os.path.join(out, "council-reference.docx")
    reference_doc(ref)
    dst = os.path.join(out, "council-record.docx")
    render(decrec, "docx", "record", src, dst, ["--reference-docx", ref])
    d = docx.Document(dst)
    expect(d.styles["Normal"].font.name == COUNCIL_FONT,
           "reference: Normal font %r" % d.styles["Normal"].font.name)
    expect(d.styles["Heading 1"].font.name == COUNCIL_HEADING_FONT,
           "reference: Heading 1 font %r" % d.styles["Heading 1"].font.name)
    head = run_text(d.sections[0].header._element)
    expect(COUNCIL_HEADER in head, "reference: header %r" % head)
    # Our own styles the reference lacks are added, so the form still has them.
    names = {s.name for s in d.styles}
    expect("List Paragraph" in names or "ListParagraph" in names, "reference: no list style")
    with zipfile.ZipFile(ref) as z:
        theirs = z.read("word/styles.xml")
    with zipfile.ZipFile(dst) as z:
        ours = z.read("word/styles.xml")
    expect(len(ours) >= len(theirs) // 2, "reference: styles.xml shrank")


def main(argv):
    if len(argv) == 3 and argv[1] == "reference":
        reference_doc(argv[2])
        return
    if len(argv) < 5 or argv[1] != "check":
        fail("usage: docxread.py check DECREC DIR RECORD... | docxread.py reference FILE")
    decrec, out, srcs = argv[2], argv[3], argv[4:]
    os.makedirs(out, exist_ok=True)
    totals = [0, 0, 0, 0]
    ndocs = 0
    for src in srcs:
        base = os.path.splitext(os.path.basename(src))[0]
        with open(src, encoding="utf-8") as f:
            m = re.search(r"^reference:\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", f.read(), re.M)
        expect(m, src + ": no reference")
        for template in ("record", "details"):
            pd = os.path.join(out, "%s.%s.docx" % (base, template))
            ph = os.path.join(out, "%s.%s.html" % (base, template))
            render(decrec, "docx", template, src, pd)
            render(decrec, "html", template, src, ph)
            counts = compare(pd, ph, template, m.group(1))
            totals = [a + b for a, b in zip(totals, counts)]
            ndocs += 1
    check_reference(decrec, srcs[0], out)
    print("docxread.py: %d documents, %d paragraphs, %d headings, %d list items, %d links; "
          "reference document applied; ok" % (ndocs, *totals))


if __name__ == "__main__":
    main(sys.argv)
