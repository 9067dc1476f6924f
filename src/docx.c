/* The WordprocessingML package (ECMA-376 part 1 and the Open Packaging
 * Conventions): every part is written here but the body, the header and the
 * footer's content, which the templates render. Parts are built in buffers
 * and zipped in a fixed order, so that the same record gives the same
 * bytes. A reference document is read once, with string scanning of its
 * relationships: it is the council's own file, and nothing of it is
 * trusted beyond being copied into a zip. */
#include "docx.h"

#include "decrec.h"
#include "escape.h"
#include "zipfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PART (16u << 20) /* bytes of one part read from a reference */
#define MAX_DOCX (64u << 20) /* bytes of one document */
#define MAX_MEDIA 64 /* images of a reference's header and footer */
#define MAX_MEDIA_BYTES (32u << 20) /* all of them */

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL NS_R "/"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define CT "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* decrec's styles, by the ids that templates and wml.c use: with a reference
 * document, those it lacks are added to its own. */
static const struct {
	const char *id, *xml;
} styles[] = {
    {"Normal", "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
               "w:val=\"Normal\"/><w:qFormat/></w:style>"},
    {"Title", "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
              "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>"
              "<w:spacing w:before=\"120\" w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr>"
              "<w:rPr><w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"},
    {"Heading1", "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading "
                 "1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>"
                 "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl "
                 "w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/><w:szCs "
                 "w:val=\"26\"/></w:rPr></w:style>"},
    {"Heading2", "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading "
                 "2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>"
                 "<w:keepNext/><w:spacing w:before=\"200\" w:after=\"100\"/><w:outlineLvl "
                 "w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/><w:szCs "
                 "w:val=\"24\"/></w:rPr></w:style>"},
    {"Heading3", "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading "
                 "3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>"
                 "<w:keepNext/><w:spacing w:before=\"160\" w:after=\"80\"/><w:outlineLvl "
                 "w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>"},
    {"ListParagraph", "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name "
                      "w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>"
                      "<w:ind w:left=\"720\"/></w:pPr></w:style>"},
    {"Quote", "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/>"
              "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:left=\"720\" "
              "w:right=\"720\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>"},
    {"SourceCode", "<w:style w:type=\"paragraph\" w:styleId=\"SourceCode\"><w:name "
                   "w:val=\"Source Code\"/><w:basedOn w:val=\"Normal\"/><w:rPr><w:rFonts "
                   "w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/><w:sz "
                   "w:val=\"20\"/></w:rPr></w:style>"},
    {"Notice", "<w:style w:type=\"paragraph\" w:styleId=\"Notice\"><w:name w:val=\"Notice\"/>"
               "<w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"12\" "
               "w:space=\"4\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"12\" "
               "w:space=\"4\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"12\" "
               "w:space=\"4\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"12\" "
               "w:space=\"4\" w:color=\"auto\"/></w:pBdr><w:spacing w:after=\"240\"/></w:pPr>"
               "<w:rPr><w:b/></w:rPr></w:style>"},
    {"SignatureLine", "<w:style w:type=\"paragraph\" w:styleId=\"SignatureLine\"><w:name "
                      "w:val=\"Signature Line\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
                      "<w:keepNext/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
                      "w:color=\"auto\"/></w:pBdr><w:spacing w:before=\"720\" w:after=\"60\"/>"
                      "<w:ind w:right=\"4819\"/></w:pPr></w:style>"},
    {"Header", "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/>"
               "<w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"center\" "
               "w:pos=\"4819\"/><w:tab w:val=\"right\" w:pos=\"9638\"/></w:tabs><w:spacing "
               "w:after=\"0\"/></w:pPr></w:style>"},
    {"Footer", "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
               "<w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"center\" "
               "w:pos=\"4819\"/><w:tab w:val=\"right\" w:pos=\"9638\"/></w:tabs><w:spacing "
               "w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/></w:rPr></w:style>"},
    {"DefaultParagraphFont", "<w:style w:type=\"character\" w:default=\"1\" "
                             "w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default "
                             "Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
                             "</w:style>"},
    {"Hyperlink", "<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name "
                  "w:val=\"Hyperlink\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr>"
                  "<w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr></w:style>"},
    {"VerbatimChar", "<w:style w:type=\"character\" w:styleId=\"VerbatimChar\"><w:name "
                     "w:val=\"Verbatim Char\"/><w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr>"
                     "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier "
                     "New\"/></w:rPr></w:style>"},
    {"TableNormal", "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name "
                    "w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" "
                    "w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left "
                    "w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right "
                    "w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"},
    {"FactsTable", "<w:style w:type=\"table\" w:styleId=\"FactsTable\"><w:name w:val=\"Facts "
                   "Table\"/><w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:before=\"60\" "
                   "w:after=\"60\"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val=\"single\" "
                   "w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" "
                   "w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" "
                   "w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" "
                   "w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" "
                   "w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" "
                   "w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr>"
                   "</w:style>"},
};

#define DEFAULTS                                                                                   \
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" "       \
	"w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"          \
	"<w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing "         \
	"w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"              \
	"</w:docDefaults>"

struct dr_docx_ref {
	char *styles, *fonts, *theme, *header, *footer, *header_rels, *footer_rels;
	size_t nmedia;
	char *media_name[MAX_MEDIA], *media[MAX_MEDIA];
	size_t media_len[MAX_MEDIA];
};

/* ---- reading a reference document ------------------------------------- */

/* The value of attribute `name` in the tag tag[0..end), copied (malloc'd),
 * or NULL. */
static char *attr(const char *tag, const char *end, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = tag; p && p < end; p = strchr(p + 1, ' ')) {
		while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
			p++;
		if ((size_t)(end - p) > n + 2 && !strncmp(p, name, n) && p[n] == '=' &&
		    (p[n + 1] == '"' || p[n + 1] == '\'')) {
			const char *v = p + n + 2, *q = memchr(v, p[n + 1], (size_t)(end - v));
			if (!q)
				return NULL;
			char *s = malloc((size_t)(q - v) + 1);
			if (s) {
				memcpy(s, v, (size_t)(q - v));
				s[q - v] = '\0';
			}
			return s;
		}
	}
	return NULL;
}

/* The r:id of the default w:headerReference (or footerReference) of the
 * document's last section, or of its first one of that kind. */
static char *reference_id(const char *doc, const char *element)
{
	char *id = NULL;
	for (const char *p = doc; (p = strstr(p, element));) {
		const char *end = strchr(p, '>');
		if (!end)
			break;
		char *type = attr(p, end, "w:type");
		if (!id || (type && !strcmp(type, "default"))) {
			char *got = attr(p, end, "r:id");
			if (got) {
				free(id);
				id = got;
			}
		}
		free(type);
		p = end;
	}
	return id;
}

/* The part that relationship `id` of word/document.xml targets, as a path
 * in the archive ("word/header2.xml"), malloc'd, or NULL. */
static char *target_of(const char *rels, const char *id)
{
	for (const char *p = rels; (p = strstr(p, "<Relationship "));) {
		const char *end = strchr(p, '>');
		if (!end)
			break;
		char *got = attr(p, end, "Id"),
		     *t = got && !strcmp(got, id) ? attr(p, end, "Target") : NULL;
		free(got);
		if (t) {
			size_t n = strlen(t) + 8;
			char *path = malloc(n);
			if (path)
				snprintf(path, n, "%s%s", t[0] == '/' ? "" : "word/",
				         t + (t[0] == '/'));
			free(t);
			return path;
		}
		p = end;
	}
	return NULL;
}

/* Reads a header or footer of the reference, and its relationships. */
static int read_part(dr_zip *z, const char *doc, const char *rels, const char *element, char **xml,
                     char **xml_rels)
{
	char *id = reference_id(doc, element), *path = id ? target_of(rels, id) : NULL;
	int rc = 0;
	size_t len;
	free(id);
	if (!path)
		return 0;
	if (dr_zip_read(z, path, MAX_PART, xml, &len) < 0)
		rc = -1;
	/* word/header2.xml's are in word/_rels/header2.xml.rels. */
	const char *base = strrchr(path, '/');
	char rpath[512];
	snprintf(rpath, sizeof(rpath), "word/_rels/%s.rels", base ? base + 1 : path);
	if (!rc && *xml && dr_zip_read(z, rpath, MAX_PART, xml_rels, &len) < 0)
		rc = -1;
	free(path);
	return rc;
}

static int ref_fail(char **err, const char *path, const char *why)
{
	size_t n = strlen(path) + strlen(why) + 8;
	if ((*err = malloc(n)))
		snprintf(*err, n, "%s: %s", path, why);
	return *err ? DR_EIO : DR_ENOMEM;
}

int dr_docx_ref_load(dr_docx_ref **out, const char *path, char **err)
{
	dr_zip *z = NULL;
	char *doc = NULL, *rels = NULL;
	size_t len;
	int rc = 0;
	*out = NULL;
	*err = NULL;
	if (dr_zip_open(&z, path, err))
		return *err ? DR_EIO : DR_ENOMEM;
	dr_docx_ref *r = calloc(1, sizeof(*r));
	if (!r) {
		rc = DR_ENOMEM;
		goto done;
	}
	if (dr_zip_read(z, "word/styles.xml", MAX_PART, &r->styles, &len) <= 0 ||
	    !strstr(r->styles, "</w:styles>")) {
		rc = ref_fail(err, path, "not a Word document with styles (no word/styles.xml)");
		goto done;
	}
	if (dr_zip_read(z, "word/document.xml", MAX_PART, &doc, &len) < 0 ||
	    dr_zip_read(z, "word/_rels/document.xml.rels", MAX_PART, &rels, &len) < 0 ||
	    dr_zip_read(z, "word/fontTable.xml", MAX_PART, &r->fonts, &len) < 0 ||
	    dr_zip_read(z, "word/theme/theme1.xml", MAX_PART, &r->theme, &len) < 0 ||
	    (doc && rels &&
	     (read_part(z, doc, rels, "<w:headerReference", &r->header, &r->header_rels) ||
	      read_part(z, doc, rels, "<w:footerReference", &r->footer, &r->footer_rels)))) {
		rc = ref_fail(err, path, "a part is damaged or larger than 16 MB");
		goto done;
	}
	/* The images its header and footer may show. */
	size_t total = 0;
	for (size_t i = 0; i < dr_zip_count(z) && r->nmedia < MAX_MEDIA; i++) {
		const char *name = dr_zip_name(z, i);
		if (strncmp(name, "word/media/", 11) || !name[11] || strstr(name, "..") ||
		    strchr(name + 11, '/'))
			continue;
		size_t k = r->nmedia;
		if (!(r->media_name[k] = strdup(name)) ||
		    dr_zip_read(z, name, MAX_PART, &r->media[k], &r->media_len[k]) <= 0 ||
		    (total += r->media_len[k]) > MAX_MEDIA_BYTES) {
			free(r->media_name[k]);
			free(r->media[k]);
			rc = ref_fail(err, path, "its images are damaged or larger than 32 MB");
			goto done;
		}
		r->nmedia++;
	}
done:
	free(doc);
	free(rels);
	dr_zip_close(z);
	if (rc) {
		dr_docx_ref_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void dr_docx_ref_free(dr_docx_ref *r)
{
	if (!r)
		return;
	free(r->styles);
	free(r->fonts);
	free(r->theme);
	free(r->header);
	free(r->footer);
	free(r->header_rels);
	free(r->footer_rels);
	for (size_t i = 0; i < r->nmedia; i++) {
		free(r->media_name[i]);
		free(r->media[i]);
	}
	free(r);
}

/* ---- writing ----------------------------------------------------------- */

typedef struct pkg {
	dr_buf b[16];
	int nb;
	dr_zip_part parts[16 + MAX_MEDIA];
	size_t n;
	int failed;
} pkg;

static dr_buf *part(pkg *p, const char *name)
{
	dr_buf *b = &p->b[p->nb++];
	dr_buf_init(b, MAX_DOCX);
	p->parts[p->n++] = (dr_zip_part){name, NULL, 0};
	return b;
}

static void text(pkg *p, dr_buf *b, const char *s)
{
	p->failed |= dr_escape_wml(b, s, strlen(s));
}

static void put(pkg *p, dr_buf *b, const char *s)
{
	p->failed |= dr_buf_puts(b, s);
}

/* A hyperlink's target as a URI: what no URI holds (space, non-ASCII
 * bytes, quotes, angle brackets...) percent-encoded, as Word's package
 * reader insists on it. */
static void target(pkg *p, dr_buf *b, const char *url)
{
	for (const unsigned char *s = (const unsigned char *)url; *s; s++) {
		if (*s <= 0x20 || *s >= 0x7F || strchr("\"<>\\^`{|}", *s))
			p->failed |= dr_buf_printf(b, "%%%02X", *s);
		else if (*s == '&')
			put(p, b, "&amp;");
		else if (*s == '\'')
			put(p, b, "&apos;");
		else
			p->failed |= dr_buf_putc(b, (char)*s);
	}
}

static void core(pkg *p, const dr_docx_doc *d)
{
	dr_buf *b = part(p, "docProps/core.xml");
	static const char *const tags[][2] = {{"dc:title", NULL},
	                                      {"dc:creator", NULL},
	                                      {"dc:identifier", NULL},
	                                      {"dcterms:created", " xsi:type=\"dcterms:W3CDTF\""},
	                                      {"dcterms:modified", " xsi:type=\"dcterms:W3CDTF\""}};
	const char *vals[] = {d->title, d->creator, d->identifier, d->created, d->modified};
	put(p, b,
	    XML_DECL
	    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/"
	    "2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
	for (int i = 0; i < 5; i++) {
		if (!vals[i] || !*vals[i])
			continue;
		p->failed |= dr_buf_printf(b, "<%s%s>", tags[i][0], tags[i][1] ? tags[i][1] : "");
		text(p, b, vals[i]);
		if (i >= 3)
			put(p, b, "T00:00:00Z");
		p->failed |= dr_buf_printf(b, "</%s>", tags[i][0]);
	}
	put(p, b, "</cp:coreProperties>");
}

static void content_types(pkg *p, const dr_docx_ref *ref)
{
	dr_buf *b = part(p, "[Content_Types].xml");
	static const char *const images[][2] = {
	    {"png", "image/png"},   {"jpeg", "image/jpeg"}, {"jpg", "image/jpeg"},
	    {"gif", "image/gif"},   {"bmp", "image/bmp"},   {"tiff", "image/tiff"},
	    {"emf", "image/x-emf"}, {"wmf", "image/x-wmf"}, {"svg", "image/svg+xml"}};
	put(p, b,
	    XML_DECL
	    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	    "<Default Extension=\"rels\" ContentType=\"application/"
	    "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
	    "ContentType=\"application/xml\"/>");
	for (size_t i = 0; ref && ref->nmedia && i < sizeof(images) / sizeof(*images); i++)
		p->failed |= dr_buf_printf(b, "<Default Extension=\"%s\" ContentType=\"%s\"/>",
		                           images[i][0], images[i][1]);
	put(p, b,
	    "<Override PartName=\"/word/document.xml\" ContentType=\"" CT "document.main+xml\"/>"
	    "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT "styles+xml\"/>"
	    "<Override PartName=\"/word/numbering.xml\" ContentType=\"" CT "numbering+xml\"/>"
	    "<Override PartName=\"/word/header1.xml\" ContentType=\"" CT "header+xml\"/>"
	    "<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT "footer+xml\"/>"
	    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
	    "vnd.openxmlformats-package.core-properties+xml\"/>");
	if (ref && ref->fonts)
		put(p, b,
		    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"" CT
		    "fontTable+xml\"/>");
	if (ref && ref->theme)
		put(p, b,
		    "<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/"
		    "vnd.openxmlformats-officedocument.theme+xml\"/>");
	put(p, b, "</Types>");
}

static void relationships(pkg *p, const dr_docx_doc *d, const dr_docx_ref *ref)
{
	dr_buf *b = part(p, "_rels/.rels");
	put(p, b,
	    XML_DECL "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rId1\" Type=\"" REL
	             "officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" "
	             "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/"
	             "metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>");
	b = part(p, "word/_rels/document.xml.rels");
	put(p, b,
	    XML_DECL "<Relationships xmlns=\"" NS_PKG "\"><Relationship Id=\"rIdS\" Type=\"" REL
	             "styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdN\" Type=\"" REL
	             "numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rIdH\" Type=\"" REL
	             "header\" Target=\"header1.xml\"/><Relationship Id=\"rIdF\" Type=\"" REL
	             "footer\" Target=\"footer1.xml\"/>");
	if (ref && ref->fonts)
		put(p, b,
		    "<Relationship Id=\"rIdT\" Type=\"" REL
		    "fontTable\" Target=\"fontTable.xml\"/>");
	if (ref && ref->theme)
		put(p, b,
		    "<Relationship Id=\"rIdM\" Type=\"" REL
		    "theme\" Target=\"theme/theme1.xml\"/>");
	/* Only the links the body shows: a link of a field the template left
	 * out (an exempt record's) must not be in the package either. */
	char id[32];
	for (size_t i = 0; d->wml && i < d->wml->nlinks; i++) {
		snprintf(id, sizeof(id), "r:id=\"rIdL%zu\"", i + 1);
		if (!strstr(d->body, id))
			continue;
		p->failed |= dr_buf_printf(
		    b, "<Relationship Id=\"rIdL%zu\" Type=\"" REL "hyperlink\" Target=\"", i + 1);
		target(p, b, d->wml->links[i]);
		put(p, b, "\" TargetMode=\"External\"/>");
	}
	put(p, b, "</Relationships>");
}

static void numbering(pkg *p, const dr_docx_doc *d)
{
	dr_buf *b = part(p, "word/numbering.xml");
	static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x97\xA6"};
	static const char *const formats[] = {"decimal", "lowerLetter", "lowerRoman"};
	put(p, b, XML_DECL "<w:numbering xmlns:w=\"" NS_W "\">");
	for (int a = 0; a < 2; a++) {
		p->failed |=
		    dr_buf_printf(b,
		                  "<w:abstractNum w:abstractNumId=\"%d\"><w:multiLevelType "
		                  "w:val=\"hybridMultilevel\"/>",
		                  a);
		for (int l = 0; l < 9; l++)
			p->failed |= dr_buf_printf(
			    b,
			    "<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/><w:numFmt "
			    "w:val=\"%s\"/><w:lvlText "
			    "w:val=\"%s%d%s\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind "
			    "w:left=\"%d\" "
			    "w:hanging=\"360\"/></w:pPr></w:lvl>",
			    l, a ? formats[l % 3] : "bullet", a ? "%" : bullets[l % 3],
			    a ? l + 1 : 0, a ? "." : "", 720 * (l + 1));
		put(p, b, "</w:abstractNum>");
	}
	put(p, b, "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
	for (size_t i = 0; d->wml && i < d->wml->nlists; i++) {
		p->failed |=
		    dr_buf_printf(b, "<w:num w:numId=\"%zu\"><w:abstractNumId w:val=\"1\"/>",
		                  DR_WML_FIRST_NUM + i);
		for (int l = 0; l < 9; l++)
			p->failed |= dr_buf_printf(b,
			                           "<w:lvlOverride w:ilvl=\"%d\"><w:startOverride "
			                           "w:val=\"%d\"/></w:lvlOverride>",
			                           l, d->wml->starts[i]);
		put(p, b, "</w:num>");
	}
	put(p, b, "</w:numbering>");
}

static void style_sheet(pkg *p, const dr_docx_ref *ref)
{
	dr_buf *b = part(p, "word/styles.xml");
	size_t n = sizeof(styles) / sizeof(*styles);
	if (!ref) {
		put(p, b, XML_DECL "<w:styles xmlns:w=\"" NS_W "\">" DEFAULTS);
		for (size_t i = 0; i < n; i++)
			put(p, b, styles[i].xml);
		put(p, b, "</w:styles>");
		return;
	}
	/* The council's, with ours added where it has none of that id. */
	const char *end = strstr(ref->styles, "</w:styles>");
	p->failed |= dr_buf_add(b, ref->styles, (size_t)(end - ref->styles));
	char id[96];
	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "w:styleId=\"%s\"", styles[i].id);
		if (!strstr(ref->styles, id))
			put(p, b, styles[i].xml);
	}
	put(p, b, end);
}

static void header_footer(pkg *p, const char *name, const char *tag, const char *ours,
                          const char *theirs)
{
	dr_buf *b = part(p, name);
	if (theirs) {
		put(p, b, theirs);
		return;
	}
	p->failed |=
	    dr_buf_printf(b, XML_DECL "<w:%s xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">", tag);
	put(p, b, ours && *ours ? ours : "<w:p/>");
	p->failed |= dr_buf_printf(b, "</w:%s>", tag);
}

int dr_docx_write(dr_buf *out, const dr_docx_doc *d, const dr_docx_ref *ref)
{
	pkg p = {0};
	content_types(&p, ref);
	relationships(&p, d, ref);
	core(&p, d);
	dr_buf *b = part(&p, "word/document.xml");
	put(&p, b, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>");
	put(&p, b, d->body);
	put(&p, b,
	    "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/><w:footerReference "
	    "w:type=\"default\" r:id=\"rIdF\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar "
	    "w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" "
	    "w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
	style_sheet(&p, ref);
	numbering(&p, d);
	header_footer(&p, "word/header1.xml", "hdr", d->header, ref ? ref->header : NULL);
	header_footer(&p, "word/footer1.xml", "ftr", d->footer, ref ? ref->footer : NULL);
	if (ref && ref->header && ref->header_rels)
		put(&p, part(&p, "word/_rels/header1.xml.rels"), ref->header_rels);
	if (ref && ref->footer && ref->footer_rels)
		put(&p, part(&p, "word/_rels/footer1.xml.rels"), ref->footer_rels);
	if (ref && ref->fonts)
		put(&p, part(&p, "word/fontTable.xml"), ref->fonts);
	if (ref && ref->theme)
		put(&p, part(&p, "word/theme/theme1.xml"), ref->theme);
	size_t nb = p.n;
	for (size_t i = 0; i < nb; i++) {
		p.parts[i].data = p.b[i].p ? p.b[i].p : "";
		p.parts[i].len = p.b[i].len;
	}
	for (size_t i = 0; ref && i < ref->nmedia; i++)
		p.parts[p.n++] =
		    (dr_zip_part){ref->media_name[i], ref->media[i], ref->media_len[i]};
	int rc = p.failed ? -1 : dr_zip_write(out, p.parts, p.n);
	for (int i = 0; i < p.nb; i++)
		dr_buf_free(&p.b[i]);
	return rc;
}
