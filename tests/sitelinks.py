"""Checks the links of a site built by decrec site, as a browser would
follow them: every href and src of every .html file under DIR that is not
an absolute http(s) or mailto address, nor a #fragment of the same page, is
resolved against the page's own location and must name a file of the site
(a link ending in '/' names that directory's index.html). No page may load
anything: no <script>, no src= to an http(s) address, no stylesheet or other
<link> to one. Run by tests/check_site.c: python3 tests/sitelinks.py DIR.
Prints one line of counts and "ok", or exits 1 listing each problem."""

import html.parser
import os
import posixpath
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (tag, attribute, value)
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))

    handle_startendtag = handle_starttag


def main(root):
    problems = []
    pages = links = 0
    for top, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(top, name)
            page = "/" + os.path.relpath(path, root).replace(os.sep, "/")
            p = Page()
            with open(path, encoding="utf-8") as f:
                p.feed(f.read())
            p.close()
            pages += 1
            if p.scripts:
                problems.append("%s: %d <script> element(s)" % (page, p.scripts))
            for tag, attr, value in p.links:
                url = urllib.parse.urlsplit(value)
                scheme = url.scheme.lower()
                if scheme in ("http", "https"):
                    # A page may link out; it may not load from outside.
                    if attr == "src" or tag == "link":
                        problems.append("%s: <%s %s=\"%s\"> loads from outside" % (page, tag, attr, value))
                    continue
                if scheme == "mailto" or value.startswith("#"):
                    continue
                if scheme or url.netloc:
                    problems.append("%s: <%s %s=\"%s\">: not a link of the site" % (page, tag, attr, value))
                    continue
                links += 1
                target = urllib.parse.unquote(url.path)
                if target.startswith("/"):
                    problems.append("%s: %s=\"%s\": absolute path, broken when the site is not at the root of its host" % (page, attr, value))
                    continue
                # Resolved from the page's directory, relative to the root:
                # a path that climbs above it leaves the site.
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page)[1:], target))
                if target == ".." or target.startswith("../"):
                    problems.append("%s: %s=\"%s\": outside the site" % (page, attr, value))
                    continue
                target = "/" + ("" if target == "." else target)
                if url.path.endswith("/") or url.path == "" or target == "/":
                    target = posixpath.join(target, "index.html")
                if not os.path.isfile(os.path.join(root, target.lstrip("/"))):
                    problems.append("%s: %s=\"%s\": no file %s" % (page, attr, value, target))
    if pages == 0:
        problems.append("no .html file under " + root)
    if problems:
        sys.exit("sitelinks.py: %d problem(s):\n%s" % (len(problems), "\n".join(problems)))
    print("sitelinks.py: %d pages, %d internal links: ok" % (pages, links))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: sitelinks.py DIR")
    main(sys.argv[1])
