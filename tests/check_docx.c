/* Word documents: the escaping of run text, Markdown to WordprocessingML,
 * the package (its parts, their order, byte-identical output, the links an
 * exempt record's document must not carry) and a reference document's
 * styles, header and images. The documents are opened by independent
 * readers in tests/docx.py and LibreOffice in make check-docx. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "escape.h"
#include "wml.h"
#include "zipfile.h"
#include "fuzz/targets.h"

static char *wml_text(const char *s, size_t n)
{
	dr_buf b;
	dr_buf_init(&b, 1 << 20);
	ck_assert_int_eq(dr_escape_wml(&b, s, n), 0);
	size_t len;
	return dr_buf_take(&b, &len);
}

START_TEST(escape_wml)
{
	static const char in[] = "a&b<c>d\"e'f\tg\nh\x01i\xEF\xBF\xBEj\xC3k\xC3\xA9";
	char *got = wml_text(in, sizeof(in) - 1);
	ck_assert_str_eq(got, "a&amp;b&lt;c&gt;d&quot;e&apos;f g h\xEF\xBF\xBDi\xEF\xBF\xBDj"
	                      "\xEF\xBF\xBDk\xC3\xA9");
	free(got);
	/* A NUL inside the value is a control character too. */
	got = wml_text("x\0y", 3);
	ck_assert_str_eq(got, "x\xEF\xBF\xBDy");
	free(got);
}
END_TEST

static const char *md(dr_wml *w, const char *s)
{
	const char *x = dr_wml_from_md(w, s, strlen(s));
	ck_assert_ptr_nonnull(x);
	return x;
}

#define RUN(t) "<w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r>"
#define P(t) "<w:p><w:pPr></w:pPr>" t "</w:p>"

START_TEST(markdown_inline)
{
	dr_arena *a = dr_arena_new(1 << 20);
	dr_wml w;
	dr_wml_init(&w, a);
	ck_assert_str_eq(
	    md(&w, "Plain **bold *both*** and `x<y`  \nnext\nline <b>raw</b>"),
	    P(RUN(
	        "Plain ") "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">bold "
	                  "</w:t></w:r><w:r><w:rPr><w:b/><w:i/></w:rPr><w:t "
	                  "xml:space=\"preserve\">both</w:t></w:r>" RUN(
	                      " and ") "<w:r><w:rPr><w:rStyle w:val=\"VerbatimChar\"/></w:rPr><w:t "
	                               "xml:space=\"preserve\">x&lt;y</w:t></w:r><w:r><w:br/></"
	                               "w:r>" RUN("next") RUN(" ") RUN("line ") RUN("raw")));
	ck_assert_uint_eq(w.nlinks, 0);
	/* Links: web, relative and mailto: keep their target; javascript: is
	 * text, as in safe HTML. */
	ck_assert_str_eq(
	    md(&w, "[a](https://x.example/?q=1&r=2) [b](papers/eqia.pdf) [c](mailto:d@x.example) "
	           "[e](javascript:alert(1))"),
	    P("<w:hyperlink r:id=\"rIdL1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t "
	      "xml:space=\"preserve\">a</w:t></w:r></w:hyperlink>" RUN(
	          " ") "<w:hyperlink r:id=\"rIdL2\"><w:r><w:rPr><w:rStyle "
	               "w:val=\"Hyperlink\"/></w:rPr>"
	               "<w:t xml:space=\"preserve\">b</w:t></w:r></w:hyperlink>" RUN(
	                   " ") "<w:hyperlink r:id=\"rIdL3\"><w:r><w:rPr><w:rStyle "
	                        "w:val=\"Hyperlink\"/>"
	                        "</w:rPr><w:t "
	                        "xml:space=\"preserve\">c</w:t></w:r></w:hyperlink>" RUN(" ")
	                            RUN("e")));
	ck_assert_uint_eq(w.nlinks, 3);
	ck_assert_str_eq(w.links[0], "https://x.example/?q=1&r=2");
	ck_assert_str_eq(w.links[1], "papers/eqia.pdf");
	ck_assert_str_eq(w.links[2], "mailto:d@x.example");
	dr_arena_free(a);
}
END_TEST

START_TEST(markdown_blocks)
{
	dr_arena *a = dr_arena_new(1 << 20);
	dr_wml w;
	dr_wml_init(&w, a);
	ck_assert_str_eq(
	    md(&w, "# Head\n\n- one\n\n  more\n- two\n\n  3. three\n  4. four\n\n7. seven\n"),
	    "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>" RUN(
	        "Head") "</w:p>"
	                "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl "
	                "w:val=\"0\"/><w:numId "
	                "w:val=\"1\"/></w:numPr></w:pPr>" RUN(
	                    "one") "</w:p>"
	                           "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:ind "
	                           "w:left=\"720\"/></w:pPr>" RUN(
	                               "more") "</w:p>"
	                                       "<w:p><w:pPr><w:pStyle "
	                                       "w:val=\"ListParagraph\"/><w:numPr><w:ilvl "
	                                       "w:val=\"0\"/><w:numId "
	                                       "w:val=\"1\"/></w:numPr></w:pPr>" RUN(
	                                           "two") "</w:p>"
	                                                  "<w:p><w:pPr><w:pStyle "
	                                                  "w:val=\"ListParagraph\"/"
	                                                  "><w:numPr><w:ilvl "
	                                                  "w:val=\"1\"/><w:numId "
	                                                  "w:val=\"2\"/></w:numPr></w:pPr>" RUN(
	                                                      "three") "</w:p>"
	                                                               "<w:p><w:pPr><w:pStyle "
	                                                               "w:val=\"ListParagraph\"/"
	                                                               "><w:numPr><w:ilvl "
	                                                               "w:val=\"1\"/><w:numId "
	                                                               "w:val=\"2\"/></w:numPr></"
	                                                               "w:pPr>" RUN(
	                                                                   "four") "</w:p>"
	                                                                           "<w:p><w:pPr><w:"
	                                                                           "pStyle "
	                                                                           "w:val="
	                                                                           "\"ListParagraph"
	                                                                           "\"/"
	                                                                           "><w:numPr><w:"
	                                                                           "ilvl "
	                                                                           "w:val=\"0\"/"
	                                                                           "><w:numId "
	                                                                           "w:val=\"3\"/></"
	                                                                           "w:numPr></"
	                                                                           "w:pPr>" RUN(
	                                                                               "seven") "</"
	                                                                                        "w:"
	                                                                                        "p"
	                                                                                        ">");
	/* Each numbered list is an instance of its own, from its first number. */
	ck_assert_uint_eq(w.nlists, 2);
	ck_assert_int_eq(w.starts[0], 3);
	ck_assert_int_eq(w.starts[1], 7);
	ck_assert_str_eq(
	    md(&w, "> quoted\n\n```\na\tb\n<c>\n```\n\n---\n\n### Deep\n\n<div>x</div>\n"),
	    "<w:p><w:pPr><w:pStyle w:val=\"Quote\"/></w:pPr>" RUN(
	        "quoted") "</w:p>"
	                  "<w:p><w:pPr><w:pStyle w:val=\"SourceCode\"/></w:pPr>" RUN(
	                      "a b") "<w:r><w:br/></w:r>" RUN("&lt;c&gt;") "</w:p>"
	                                                                   "<w:p><w:pPr><w:pBdr><w:"
	                                                                   "bottom "
	                                                                   "w:val=\"single\" "
	                                                                   "w:sz=\"6\" "
	                                                                   "w:space=\"1\" "
	                                                                   "w:color=\"auto\"/></"
	                                                                   "w:pBdr></w:pPr></w:p>"
	                                                                   "<w:p><w:pPr><w:pStyle "
	                                                                   "w:val=\"Heading3\"/></"
	                                                                   "w:pPr>" RUN(
	                                                                       "Deep") "</"
	                                                                               "w:p"
	                                                                               ">");
	/* Lists nested past Word's nine levels stay at the ninth. */
	char deep[400] = "";
	for (int i = 0; i < 12; i++)
		snprintf(deep + strlen(deep), sizeof(deep) - strlen(deep), "%*s- x\n", i * 2, "");
	const char *x = md(&w, deep);
	ck_assert_ptr_nonnull(strstr(x, "<w:ilvl w:val=\"8\"/>"));
	ck_assert_ptr_null(strstr(x, "<w:ilvl w:val=\"9\"/>"));
	dr_arena_free(a);
}
END_TEST

/* ---- the package --------------------------------------------------------- */

static const char record[] =
    "reference: 24/00058\n"
    "title: Family hubs\n"
    "decision_title: Approve the strategy & its <plan>\n"
    "authority: Kent County Council\n"
    "decision_maker: Cabinet Member for Adult Social Care and Public Health\n"
    "status: Recommendations Approved\n"
    "key_decision: yes\n"
    "subject_to_call_in: yes\n"
    "for_publication: %s\n"
    "%s"
    "dates:\n  decision: 2024-07-19\n  published: 2024-07-22\n  effective: 2024-07-30\n"
    "forward_plan:\n  first_published: 2024-06-18\n"
    "summary: A summary.\n"
    "decision: |\n  I agree to [the plan](https://exempt.example/plan).\n\n  1. first\n"
    "reasons: Because.\n"
    "interests: []\n";

static dr_config *config(void)
{
	dr_config *cfg = NULL;
	char *err = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, NULL, &err), 0);
	return cfg;
}

static int keep(void *ctx, const char *reference, const char *doc, size_t len)
{
	(void)reference;
	dr_buf *b = ctx;
	b->len = 0;
	return dr_buf_add(b, doc, len);
}

/* Renders the record (for_publication `pub`) with template `name` into a
 * temporary .docx file; returns its path (malloc'd). */
static char *render_docx(dr_config *cfg, const char *name, const char *pub, const char *ref,
                         dr_buf *out)
{
	char text[4096], *err = NULL;
	snprintf(text, sizeof(text), record, pub,
	         strcmp(pub, "yes") ? "exempt_paragraph: 3\n" : "");
	dr_render_options o = {.format = DR_DOC_DOCX, .template_name = name, .reference_docx = ref};
	dr_renderer *r = NULL;
	int rc = dr_renderer_new(&r, cfg, &o, &err);
	ck_assert_msg(rc == 0, "%s", err ? err : "");
	dr_buf_init(out, 1 << 24);
	ck_assert_int_eq(dr_render_buffer(r, text, strlen(text), keep, out, &err), 0);
	dr_renderer_free(r);
	char *path = strdup("/tmp/decrec-docx-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, out->p, out->len), (ssize_t)out->len);
	close(fd);
	return path;
}

static char *part(const char *path, const char *name)
{
	dr_zip *z = NULL;
	char *err = NULL, *data = NULL;
	size_t len;
	ck_assert_int_eq(dr_zip_open(&z, path, &err), 0);
	int got = dr_zip_read(z, name, 1 << 24, &data, &len);
	dr_zip_close(z);
	return got == 1 ? data : NULL;
}

START_TEST(package)
{
	dr_config *cfg = config();
	dr_buf a, b;
	char *path = render_docx(cfg, "record", "yes", NULL, &a);
	char *again = render_docx(cfg, "record", "yes", NULL, &b);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_mem_eq(a.p, b.p, a.len);
	ck_assert_mem_eq(a.p, "PK\x03\x04", 4);
	/* The parts, in their fixed order. */
	dr_zip *z = NULL;
	char *err = NULL;
	ck_assert_int_eq(dr_zip_open(&z, path, &err), 0);
	static const char *const names[] = {
	    "[Content_Types].xml", "_rels/.rels",       "word/_rels/document.xml.rels",
	    "docProps/core.xml",   "word/document.xml", "word/styles.xml",
	    "word/numbering.xml",  "word/header1.xml",  "word/footer1.xml"};
	ck_assert_uint_eq(dr_zip_count(z), 9);
	for (size_t i = 0; i < 9; i++)
		ck_assert_str_eq(dr_zip_name(z, i), names[i]);
	dr_zip_close(z);
	char *doc = part(path, "word/document.xml"),
	     *rels = part(path, "word/_rels/document.xml.rels"),
	     *core = part(path, "docProps/core.xml"), *foot = part(path, "word/footer1.xml"),
	     *num = part(path, "word/numbering.xml");
	ck_assert_ptr_nonnull(strstr(doc, "<w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t "
	                                  "xml:space=\"preserve\">RECORD OF DECISION</w:t>"));
	ck_assert_ptr_nonnull(strstr(doc, "Approve the strategy &amp; its &lt;plan&gt;"));
	ck_assert_ptr_nonnull(strstr(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
	ck_assert_ptr_nonnull(strstr(rels, "<Relationship Id=\"rIdL1\" Type=\"http://schemas."
	                                   "openxmlformats.org/officeDocument/2006/relationships/"
	                                   "hyperlink\" Target=\"https://exempt.example/plan\" "
	                                   "TargetMode=\"External\"/>"));
	ck_assert_ptr_nonnull(strstr(core, "<dc:title>Approve the strategy &amp; its "
	                                   "&lt;plan&gt;</dc:title><dc:creator>Kent County "
	                                   "Council</dc:creator><dc:identifier>24/00058</"
	                                   "dc:identifier><dcterms:created "
	                                   "xsi:type=\"dcterms:W3CDTF\">2024-07-19T00:00:00Z</"
	                                   "dcterms:created><dcterms:modified "
	                                   "xsi:type=\"dcterms:W3CDTF\">2024-07-22T00:00:00Z</"
	                                   "dcterms:modified>"));
	ck_assert_ptr_nonnull(strstr(foot,
	                             "24/00058</w:t></w:r><w:r><w:tab/></w:r><w:r><w:tab/>"
	                             "</w:r><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>"
	                             "<w:fldSimple w:instr=\" PAGE \">"));
	ck_assert_ptr_nonnull(strstr(num, "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/>"
	                                  "<w:lvlOverride w:ilvl=\"0\"><w:startOverride "
	                                  "w:val=\"1\"/>"));
	free(doc), free(rels), free(core), free(foot), free(num);
	unlink(path), unlink(again);
	free(path), free(again);
	dr_buf_free(&a), dr_buf_free(&b);
	dr_config_free(cfg);
}
END_TEST

/* An exempt record's details page: no exempt text, and no relationship to
 * the link in its decision, which the page leaves out. */
START_TEST(exempt_details)
{
	dr_config *cfg = config();
	dr_buf a;
	char *path = render_docx(cfg, "details", "no", NULL, &a);
	char *doc = part(path, "word/document.xml"),
	     *rels = part(path, "word/_rels/document.xml.rels");
	ck_assert_ptr_null(strstr(doc, "I agree"));
	ck_assert_ptr_null(strstr(doc, "A summary"));
	ck_assert_ptr_null(strstr(rels, "exempt.example"));
	ck_assert_ptr_nonnull(strstr(doc, "<w:pStyle w:val=\"Notice\"/>"));
	free(doc), free(rels);
	unlink(path);
	free(path);
	dr_buf_free(&a);
	/* Its form, rendered alone, opens with the notice. */
	path = render_docx(cfg, "record", "no", NULL, &a);
	doc = part(path, "word/document.xml");
	ck_assert_ptr_nonnull(
	    strstr(doc, "<w:p><w:pPr><w:pStyle w:val=\"Notice\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>"
	                "<w:t xml:space=\"preserve\">NOT FOR PUBLICATION</w:t></w:r><w:r><w:t "
	                "xml:space=\"preserve\">: exempt information under Schedule 12A to "
	                "the Local Government Act 1972, paragraph 3</w:t>"));
	free(doc);
	unlink(path);
	free(path);
	dr_buf_free(&a);
	dr_config_free(cfg);
}
END_TEST

/* A reference document written with the zip module: a Heading 1 of its
 * own, a header (header3.xml, by a relationship) with an image. */
static char *reference_docx(void)
{
	static const char styles[] =
	    "<?xml version=\"1.0\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" w:styleId=\"Heading1\">"
	    "<w:name w:val=\"heading 1\"/><w:rPr><w:rFonts w:ascii=\"Georgia\"/></w:rPr></w:style>"
	    "</w:styles>";
	static const char doc[] =
	    "<w:document><w:body><w:sectPr><w:headerReference "
	    "w:type=\"first\" r:id=\"rId1\"/><w:headerReference "
	    "w:type=\"default\" r:id=\"rId9\"/></w:sectPr></w:body></w:document>";
	static const char rels[] = "<Relationships><Relationship Id=\"rId1\" Type=\"x/header\" "
	                           "Target=\"header1.xml\"/><Relationship Id=\"rId9\" "
	                           "Type=\"x/header\" Target=\"header3.xml\"/></Relationships>";
	static const char header[] = "<w:hdr><w:p><w:r><w:t>Borsetshire County Council</w:t></w:r>"
	                             "</w:p></w:hdr>";
	static const char hrels[] = "<Relationships><Relationship Id=\"rIdImg\" Type=\"x/image\" "
	                            "Target=\"media/logo.png\"/></Relationships>";
	dr_zip_part parts[] = {{"word/styles.xml", styles, sizeof(styles) - 1},
	                       {"word/document.xml", doc, sizeof(doc) - 1},
	                       {"word/_rels/document.xml.rels", rels, sizeof(rels) - 1},
	                       {"word/header1.xml", "<w:hdr>first</w:hdr>", 20},
	                       {"word/header3.xml", header, sizeof(header) - 1},
	                       {"word/_rels/header3.xml.rels", hrels, sizeof(hrels) - 1},
	                       {"word/media/logo.png", "\x89PNG", 4}};
	dr_buf b;
	dr_buf_init(&b, 1 << 20);
	ck_assert_int_eq(dr_zip_write(&b, parts, 7), 0);
	char *path = strdup("/tmp/decrec-ref-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_eq(write(fd, b.p, b.len), (ssize_t)b.len);
	close(fd);
	dr_buf_free(&b);
	return path;
}

START_TEST(reference)
{
	dr_config *cfg = config();
	char *ref = reference_docx();
	dr_buf a;
	char *path = render_docx(cfg, "record", "yes", ref, &a);
	char *styles = part(path, "word/styles.xml"), *header = part(path, "word/header1.xml"),
	     *hrels = part(path, "word/_rels/header1.xml.rels"),
	     *logo = part(path, "word/media/logo.png"), *types = part(path, "[Content_Types].xml");
	/* Its Heading 1, once; ours where it has none. */
	const char *h1 = strstr(styles, "w:styleId=\"Heading1\"");
	ck_assert_ptr_nonnull(h1);
	ck_assert_ptr_null(strstr(h1 + 1, "w:styleId=\"Heading1\""));
	ck_assert_ptr_nonnull(strstr(styles, "<w:rFonts w:ascii=\"Georgia\"/>"));
	ck_assert_ptr_nonnull(strstr(styles, "w:styleId=\"Notice\""));
	ck_assert_ptr_nonnull(strstr(styles, "w:styleId=\"Title\""));
	/* The default header, not the first page's, with its image. */
	ck_assert_str_eq(header, "<w:hdr><w:p><w:r><w:t>Borsetshire County Council</w:t></w:r>"
	                         "</w:p></w:hdr>");
	ck_assert_ptr_nonnull(strstr(hrels, "Target=\"media/logo.png\""));
	ck_assert_str_eq(logo, "\x89PNG");
	ck_assert_ptr_nonnull(
	    strstr(types, "<Default Extension=\"png\" ContentType=\"image/png\"/>"));
	/* Its footer is none: ours stays. */
	char *foot = part(path, "word/footer1.xml");
	ck_assert_ptr_nonnull(strstr(foot, "24/00058"));
	free(styles), free(header), free(hrels), free(logo), free(types), free(foot);
	unlink(path), unlink(ref);
	free(path), free(ref);
	dr_buf_free(&a);
	dr_config_free(cfg);
}
END_TEST

START_TEST(bad_reference)
{
	dr_config *cfg = config();
	dr_renderer *r = NULL;
	char *err = NULL;
	dr_render_options o = {.format = DR_DOC_DOCX, .reference_docx = "/nonexistent/ref.docx"};
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &o, &err), DR_EIO);
	ck_assert_str_eq(err, "/nonexistent/ref.docx: not a Word document (.docx): No such file");
	free(err);
	/* A zip without word/styles.xml. */
	dr_buf b;
	dr_buf_init(&b, 1 << 20);
	dr_zip_part p = {"word/document.xml", "<w:document/>", 13};
	ck_assert_int_eq(dr_zip_write(&b, &p, 1), 0);
	char path[] = "/tmp/decrec-ref-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_eq(write(fd, b.p, b.len), (ssize_t)b.len);
	close(fd);
	o.reference_docx = path;
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &o, &err), DR_EIO);
	ck_assert_ptr_nonnull(
	    strstr(err, ": not a Word document with styles (no word/styles.xml)"));
	free(err);
	/* Plain text is not a zip. */
	FILE *f = fopen(path, "w");
	fputs("reference: 24/00058\n", f);
	fclose(f);
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &o, &err), DR_EIO);
	ck_assert_ptr_nonnull(strstr(err, ": not a Word document (.docx): Not a zip archive"));
	free(err);
	unlink(path);
	dr_buf_free(&b);
	dr_config_free(cfg);
}
END_TEST

/* The fuzz target's oracle: it passes hostile text rendered by decrec, and
 * fails a part that is not well-formed or missing. */
START_TEST(fuzz_oracle)
{
	dr_config *cfg = config();
	static const char hostile[] =
	    "reference: \"24/00058\\u0001]]>\"\n"
	    "title: \"<w:p>&amp;\\uFFFE\\u0000\\x7F\"\n"
	    "decision_title: \"\\uFFFF'\\\"\\t\\r\"\n"
	    "decision: \"**\\u0002** [x](https://e.example/\\u0003\\\"<>) <!-- -->\\n\\n"
	    "1. a\\n2. b\"\n";
	char *err = NULL;
	for (int t = 0; t < 2; t++) {
		dr_render_options o = {.format = DR_DOC_DOCX,
		                       .template_name = t ? "details" : "record"};
		dr_renderer *r = NULL;
		dr_buf out;
		dr_buf_init(&out, 1 << 24);
		ck_assert_int_eq(dr_renderer_new(&r, cfg, &o, &err), 0);
		ck_assert_int_eq(
		    dr_render_buffer(r, hostile, sizeof(hostile) - 1, keep, &out, &err), 0);
		ck_assert_uint_gt(out.len, 1000);
		const char *bad = fuzz_docx_bad(out.p, out.len);
		ck_assert_msg(!bad, "%s", bad);
		dr_renderer_free(r);
		dr_buf_free(&out);
	}
	dr_zip_part parts[9] = {{"[Content_Types].xml", "<a/>", 4},
	                        {"_rels/.rels", "<a/>", 4},
	                        {"word/_rels/document.xml.rels", "<a/>", 4},
	                        {"docProps/core.xml", "<a/>", 4},
	                        {"word/document.xml", "<a>&#1;</a>", 11},
	                        {"word/styles.xml", "<a/>", 4},
	                        {"word/numbering.xml", "<a/>", 4},
	                        {"word/header1.xml", "<a/>", 4},
	                        {"word/footer1.xml", "<a/>", 4}};
	dr_buf b;
	dr_buf_init(&b, 1 << 20);
	ck_assert_int_eq(dr_zip_write(&b, parts, 9), 0);
	ck_assert_str_eq(fuzz_docx_bad(b.p, b.len),
	                 "a part of a Word document is not well-formed XML");
	parts[4].data = "<a>x</a>";
	parts[4].len = 8;
	ck_assert_int_eq(dr_zip_write(&b, parts, 9), 0);
	ck_assert_ptr_null(fuzz_docx_bad(b.p, b.len));
	ck_assert_int_eq(dr_zip_write(&b, parts, 8), 0);
	ck_assert_str_eq(fuzz_docx_bad(b.p, b.len),
	                 "a part of a Word document is missing or unreadable");
	ck_assert_str_eq(fuzz_docx_bad("PK", 2),
	                 "a Word document is not a zip archive libzip opens");
	dr_buf_free(&b);
	dr_config_free(cfg);
}
END_TEST

/* The command: --out-dir and --check, modes, the same bytes twice, and the
 * refusals (a terminal, --reference-docx without docx, a bad reference). */
START_TEST(command)
{
	char dir[] = "/tmp/decrec-docx-cli-XXXXXX", cmd[4096];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	int status;
	snprintf(cmd, sizeof(cmd),
	         "umask 022; %s render --config decrec.yaml -t docx --out-dir %s/forms "
	         "records/24-00058.yaml records/25-00031.yaml 2>&1 && stat -c '%%a' "
	         "%s/forms/24-00058.docx %s/forms/25-00031.docx && ls %s/forms | wc -l",
	         decrec_bin(), dir, dir, dir, dir);
	char *out = run_command(cmd, &status);
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(out, "644\n644\n2\n");
	free(out);
	/* --check: nothing differs; then one file is changed and named. */
	snprintf(cmd, sizeof(cmd),
	         "%s render --config decrec.yaml -t docx --out-dir %s/forms --check "
	         "records/24-00058.yaml records/25-00031.yaml 2>&1",
	         decrec_bin(), dir);
	out = run_command(cmd, &status);
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(out, "");
	free(out);
	snprintf(cmd, sizeof(cmd),
	         "printf x >> %s/forms/25-00031.docx && %s render --config decrec.yaml -t docx "
	         "--out-dir %s/forms --check records/24-00058.yaml records/25-00031.yaml 2>&1",
	         dir, decrec_bin(), dir);
	out = run_command(cmd, &status);
	ck_assert_int_eq(status, 1);
	char want[512];
	snprintf(want, sizeof(want), "%s/forms/25-00031.docx: out of date\n", dir);
	ck_assert_str_eq(out, want);
	free(out);
	/* -o, and standard output when it is not a terminal, give the same bytes. */
	snprintf(cmd, sizeof(cmd),
	         "%s render --config decrec.yaml -t docx records/24-00058.yaml -o %s/a.docx && "
	         "%s render --config decrec.yaml -t docx records/24-00058.yaml > %s/b.docx && cmp "
	         "%s/a.docx %s/b.docx && cmp %s/a.docx %s/forms/24-00058.docx && echo same",
	         decrec_bin(), dir, decrec_bin(), dir, dir, dir, dir, dir);
	out = run_command(cmd, &status);
	ck_assert_int_eq(status, 0);
	ck_assert_str_eq(out, "same\n");
	free(out);
	/* A terminal gets nothing. */
	snprintf(cmd, sizeof(cmd),
	         "script -qec '%s render --config decrec.yaml -t docx records/24-00058.yaml' "
	         "/dev/null > %s/tty.txt; echo $?; tr -d '\\r' < %s/tty.txt",
	         decrec_bin(), dir, dir);
	out = run_command(cmd, &status);
	ck_assert_str_eq(out, "2\ndecrec render: a Word document is not written to a terminal: use "
	                      "-o FILE.docx or --out-dir DIR\ntry 'decrec render --help'\n");
	free(out);
	snprintf(
	    cmd, sizeof(cmd),
	    "%s render --config decrec.yaml --reference-docx x.docx records/24-00058.yaml 2>&1",
	    decrec_bin());
	out = run_command(cmd, &status);
	ck_assert_int_eq(status, 2);
	ck_assert_str_eq(out, "decrec render: --reference-docx is for -t docx\n"
	                      "try 'decrec render --help'\n");
	free(out);
	snprintf(cmd, sizeof(cmd),
	         "%s render --config decrec.yaml -t docx --reference-docx %s/none.docx "
	         "records/24-00058.yaml -o %s/c.docx 2>&1; echo $?; test -e %s/c.docx || echo none",
	         decrec_bin(), dir, dir, dir);
	out = run_command(cmd, &status);
	snprintf(want, sizeof(want),
	         "decrec: %s/none.docx: not a Word document (.docx): No such file\n3\nnone\n", dir);
	ck_assert_str_eq(out, want);
	free(out);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	free(run_command(cmd, &status));
}
END_TEST

/* docx.reference in decrec.yaml, relative to it; --reference-docx (the
 * option) wins. */
START_TEST(config_reference)
{
	char dir[] = "/tmp/decrec-docx-cfg-XXXXXX", path[256], *err = NULL;
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/decrec.yaml", dir);
	FILE *f = fopen(path, "w");
	fputs("docx:\n  reference: styles/council.docx\n", f);
	fclose(f);
	dr_config *cfg = NULL;
	ck_assert_int_eq(dr_config_load(&cfg, path, &err), 0);
	dr_renderer *r = NULL;
	dr_render_options o = {.format = DR_DOC_DOCX};
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &o, &err), DR_EIO);
	char want[512];
	snprintf(want, sizeof(want),
	         "%s/styles/council.docx: not a Word document (.docx): No such file", dir);
	ck_assert_str_eq(err, want);
	free(err);
	char *ref = reference_docx();
	o.reference_docx = ref;
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &o, &err), 0);
	dr_renderer_free(r);
	/* HTML reads no reference document. */
	o.format = DR_DOC_HTML;
	o.reference_docx = NULL;
	ck_assert_int_eq(dr_renderer_new(&r, cfg, &o, &err), 0);
	dr_renderer_free(r);
	unlink(ref);
	free(ref);
	unlink(path);
	rmdir(dir);
	dr_config_free(cfg);
}
END_TEST

Suite *suite_docx(void)
{
	Suite *s = suite_create("docx");
	TCase *t = tcase_create("docx");
	tcase_add_test(t, escape_wml);
	tcase_add_test(t, markdown_inline);
	tcase_add_test(t, markdown_blocks);
	tcase_add_test(t, package);
	tcase_add_test(t, exempt_details);
	tcase_add_test(t, reference);
	tcase_add_test(t, bad_reference);
	tcase_add_test(t, fuzz_oracle);
	tcase_add_test(t, command);
	tcase_add_test(t, config_reference);
	suite_add_tcase(s, t);
	return s;
}
