"""Opens decrec's Word documents in LibreOffice, as an officer without Word
would, and checks what it prints.

  python3 tests/docxpdf.py DECREC DIR RECORD...

For each record, renders the form (-t docx, and again in the council-style
reference document of tests/docxread.py) and the details page into DIR,
converts every document to PDF with LibreOffice (soffice --headless
--convert-to pdf, its profile kept in DIR), and checks with pdftotext that
LibreOffice refused nothing: every Heading 1 of the document is in the PDF,
in order; the title is on the first page; each page's foot holds the
reference and "Page N of M" with the right N and M; a page is A4. The first
page of each PDF, and every page of the first record's form, are saved as
PNG images in DIR/pages (pdftoppm, 60 dpi) for people to look at beside the
seed's form. Prints one line of counts and "ok", or exits 1."""

import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docxread  # noqa: E402
from docxread import expect, fail, run_text, style_of, words  # noqa: E402


def pdftotext(pdf, page=None):
    cmd = ["pdftotext", "-layout", "-enc", "UTF-8"]
    if page:
        cmd += ["-f", str(page), "-l", str(page)]
    r = subprocess.run(cmd + [pdf, "-"], capture_output=True, text=True)
    expect(r.returncode == 0, "pdftotext %s: %s" % (pdf, r.stderr))
    return r.stdout


def pages_of(pdf):
    r = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True)
    expect(r.returncode == 0, "pdfinfo %s: %s" % (pdf, r.stderr))
    n = int(re.search(r"^Pages:\s+(\d+)", r.stdout, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", r.stdout, re.M)
    w, h = float(size.group(1)), float(size.group(2))
    # A4 is 595.3 x 841.9 points.
    expect(abs(w - 595.3) < 2 and abs(h - 841.9) < 2, "%s: page %s x %s pt, not A4" % (pdf, w, h))
    return n


def flat(s):
    return " ".join(words(s))


def dense(s):
    """Without whitespace: LibreOffice may break a line where there is no
    space ("[click]" / "(javascript:...")."""
    return "".join(words(s))


def main(argv):
    if len(argv) < 4:
        fail("usage: docxpdf.py DECREC DIR RECORD...")
    decrec, out, srcs = argv[1], os.path.abspath(argv[2]), argv[3:]
    soffice = shutil.which("soffice")
    expect(soffice, "soffice is missing: apt-get install libreoffice-writer-nogui")
    docs_dir = os.path.join(out, "docx")
    pdf_dir = os.path.join(out, "pdf")
    img_dir = os.path.join(out, "pages")
    for d in (docs_dir, pdf_dir, img_dir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    ref = os.path.join(out, "council-reference.docx")
    docxread.reference_doc(ref)

    docs = []  # (path, reference, record file)
    for src in srcs:
        base = os.path.splitext(os.path.basename(src))[0]
        with open(src, encoding="utf-8") as f:
            m = re.search(r"^reference:\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", f.read(), re.M)
        expect(m, src + ": no reference")
        for template, extra, name in (("record", [], "record"),
                                      ("record", ["--reference-docx", ref], "council"),
                                      ("details", [], "details")):
            path = os.path.join(docs_dir, "%s.%s.docx" % (base, name))
            docxread.render(decrec, "docx", template, src, path, extra)
            docs.append((path, m.group(1)))

    # One soffice for all documents: its start is most of the time.
    profile = "file://" + os.path.join(out, "profile")
    cmd = [soffice, "-env:UserInstallation=" + profile, "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", pdf_dir] + [p for p, _ in docs]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    expect(r.returncode == 0, "soffice: exit %d: %s" % (r.returncode, r.stderr))

    npages = 0
    for i, (path, reference) in enumerate(docs):
        name = os.path.basename(path)
        pdf = os.path.join(pdf_dir, name[:-5] + ".pdf")
        expect(os.path.exists(pdf), "%s: LibreOffice wrote no PDF (%s)" % (name, r.stdout + r.stderr))
        d = docxread.docx.Document(path)
        body = list(docxread.blocks(d.element.body))
        heads = [flat(run_text(p)) for p in body if style_of(p) == "Heading1"]
        title = [flat(run_text(p)) for p in body if style_of(p) == "Title"]
        text = dense(pdftotext(pdf))
        at = 0
        for h in map(dense, heads):
            j = text.find(h, at)
            expect(j >= 0, "%s: heading %r not in the PDF after offset %d" % (name, h, at))
            at = j + len(h)
        n = pages_of(pdf)
        expect(title and dense(title[0]) in dense(pdftotext(pdf, 1)), "%s: title %r not on page 1" % (name, title))
        for k in range(1, n + 1):
            page = flat(pdftotext(pdf, k))
            foot = "%s Page %d of %d" % (reference, k, n)
            expect(page.endswith(foot), "%s: page %d ends %r, not %r" % (name, k, page[-60:], foot))
        if "council" in name:
            head = flat(pdftotext(pdf, 1))
            expect(head.startswith(docxread.COUNCIL_HEADER), "%s: page 1 begins %r" % (name, head[:60]))
        npages += n
        # Every page of the first record's form, plain and in the council's style.
        last = n if i < 2 else 1
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(last), pdf,
                        os.path.join(img_dir, name[:-5])], check=True)
    print("docxpdf.py: %d documents, %d pages through LibreOffice; page images in %s; ok"
          % (len(docs), npages, img_dir))


if __name__ == "__main__":
    main(sys.argv)
