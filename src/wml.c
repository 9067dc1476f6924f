/* Markdown to WordprocessingML, over the tree md.c walks. Paragraph
 * properties follow the schema's order (pStyle, numPr, pBdr, ind) and run
 * properties theirs (rStyle, b, i), which Word insists on. */
#include "wml.h"

#include "buf.h"
#include "escape.h"
#include "md.h"
#include "url.h"

#include <string.h>
#include <strings.h>

#define MAX_WML (16u << 20)
#define MAX_DEPTH 9 /* list levels Word numbers (w:ilvl 0-8) */

typedef struct conv {
	dr_wml *w;
	dr_buf out;
	int strong, emph, quote, link, hyper; /* hyper: links that became w:hyperlink */
	int depth; /* lists open */
	int num[MAX_DEPTH]; /* the w:numId of each open list */
	int item_first; /* the next paragraph starts a list item: it gets the number */
	unsigned opened; /* bit i: link at nesting i became a w:hyperlink */
	int failed;
} conv;

void dr_wml_init(dr_wml *w, dr_arena *a)
{
	memset(w, 0, sizeof(*w));
	w->a = a;
}

/* Grows an arena array of `size`-byte items to hold one more. */
static int more(dr_arena *a, void *pp, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 8;
	void *old, *p = dr_arena_alloc(a, c * size);
	if (!p)
		return -1;
	memcpy(&old, pp, sizeof(old));
	if (n)
		memcpy(p, old, n * size);
	memcpy(pp, &p, sizeof(p));
	*cap = c;
	return 0;
}

static void put(conv *c, const char *s)
{
	c->failed |= dr_buf_puts(&c->out, s);
}

static void run(conv *c, const char *text, size_t n, int code)
{
	if (!n)
		return; /* cmark's empty text before a hard break */
	put(c, "<w:r>");
	if (code || c->hyper || c->strong || c->emph) {
		put(c, "<w:rPr>");
		if (code)
			put(c, "<w:rStyle w:val=\"VerbatimChar\"/>");
		else if (c->hyper)
			put(c, "<w:rStyle w:val=\"Hyperlink\"/>");
		if (c->strong)
			put(c, "<w:b/>");
		if (c->emph)
			put(c, "<w:i/>");
		put(c, "</w:rPr>");
	}
	put(c, "<w:t xml:space=\"preserve\">");
	c->failed |= dr_escape_wml(&c->out, text, n);
	put(c, "</w:t></w:r>");
}

/* Opens a paragraph: `style`, or the list's or the quote's; the first
 * paragraph of a list item carries its number. */
static void open_para(conv *c, const char *style)
{
	put(c, "<w:p><w:pPr>");
	if (!style)
		style = c->depth ? "ListParagraph" : c->quote ? "Quote" : NULL;
	if (style)
		c->failed |= dr_buf_printf(&c->out, "<w:pStyle w:val=\"%s\"/>", style);
	int lvl = c->depth < MAX_DEPTH ? c->depth : MAX_DEPTH;
	if (lvl && c->item_first)
		c->failed |= dr_buf_printf(&c->out,
		                           "<w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"%d\"/>"
		                           "</w:numPr>",
		                           lvl - 1, c->num[lvl - 1]);
	else if (lvl) /* a later paragraph of an item, under its text */
		c->failed |= dr_buf_printf(&c->out, "<w:ind w:left=\"%d\"/>", 720 * lvl);
	put(c, "</w:pPr>");
	c->item_first = 0;
}

/* Whether a link keeps its target, as cmark's safe HTML would (and mailto:,
 * which a Word user expects to work). */
static int safe_link(const char *url)
{
	dr_url_kind k = dr_url_classify(url);
	return *url && (k == DR_URL_WEB || k == DR_URL_RELATIVE || !strncasecmp(url, "mailto:", 7));
}

static int add_link(conv *c, const char *url)
{
	dr_wml *w = c->w;
	char *u = dr_arena_strndup(w->a, url, strlen(url));
	if (!u || more(w->a, &w->links, w->nlinks, &w->link_cap, sizeof(*w->links)))
		return -1;
	w->links[w->nlinks++] = u;
	return (int)w->nlinks;
}

static int add_list(conv *c, int start)
{
	dr_wml *w = c->w;
	if (more(w->a, &w->starts, w->nlists, &w->list_cap, sizeof(*w->starts)))
		return -1;
	w->starts[w->nlists] = start;
	return DR_WML_FIRST_NUM + (int)w->nlists++;
}

static void code_block(conv *c, const char *lit)
{
	size_t n = strlen(lit);
	if (n && lit[n - 1] == '\n')
		n--;
	open_para(c, "SourceCode");
	for (size_t i = 0; i <= n;) {
		size_t len = strcspn(lit + i, "\n");
		if (len > n - i)
			len = n - i;
		if (i)
			put(c, "<w:r><w:br/></w:r>");
		run(c, lit + i, len, 0);
		i += len + 1;
	}
	put(c, "</w:p>");
}

static int step(void *ctx, const dr_md_event *e)
{
	conv *c = ctx;
	switch (e->kind) {
	case DR_MD_PARAGRAPH:
		if (e->enter)
			open_para(c, NULL);
		else
			put(c, "</w:p>");
		break;
	case DR_MD_HEADING:
		if (e->enter) {
			/* The form's sections are Heading 1: a field's own headings
			 * go below them. */
			char style[16];
			snprintf(style, sizeof(style), "Heading%d", e->level < 2 ? 2 : 3);
			open_para(c, style);
		} else {
			put(c, "</w:p>");
		}
		break;
	case DR_MD_CODE_BLOCK:
		code_block(c, e->literal);
		break;
	case DR_MD_THEMATIC_BREAK:
		put(c, "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
		       "w:color=\"auto\"/></w:pBdr></w:pPr></w:p>");
		break;
	case DR_MD_LIST:
		if (e->enter) {
			int id = e->ordered ? add_list(c, e->start) : DR_WML_BULLETS;
			if (id < 0)
				return -1;
			if (c->depth < MAX_DEPTH)
				c->num[c->depth] = id;
			c->depth++;
		} else {
			c->depth--;
		}
		break;
	case DR_MD_ITEM:
		c->item_first = e->enter;
		break;
	case DR_MD_BLOCK_QUOTE:
		c->quote += e->enter ? 1 : -1;
		break;
	case DR_MD_TEXT:
		run(c, e->literal, strlen(e->literal), 0);
		break;
	case DR_MD_CODE:
		run(c, e->literal, strlen(e->literal), 1);
		break;
	case DR_MD_SOFTBREAK:
		run(c, " ", 1, 0);
		break;
	case DR_MD_LINEBREAK:
		put(c, "<w:r><w:br/></w:r>");
		break;
	case DR_MD_STRONG:
		c->strong += e->enter ? 1 : -1;
		break;
	case DR_MD_EMPH:
		c->emph += e->enter ? 1 : -1;
		break;
	case DR_MD_LINK:
		if (e->enter) {
			int bit = c->link < 32 ? 1 << c->link : 0, id = 0;
			if (safe_link(e->url) && (id = add_link(c, e->url)) < 0)
				return -1;
			if (id) {
				c->failed |=
				    dr_buf_printf(&c->out, "<w:hyperlink r:id=\"rIdL%d\">", id);
				c->opened |= (unsigned)bit;
				c->hyper++;
			} else {
				c->opened &= ~(unsigned)bit;
			}
			c->link++;
		} else {
			c->link--;
			if (c->link < 32 && (c->opened & (1u << c->link))) {
				put(c, "</w:hyperlink>");
				c->hyper--;
			}
		}
		break;
	default:
		/* Raw HTML is dropped, as safe HTML drops it; an image shows as
		 * its alt text, its children. */
		break;
	}
	return c->failed ? -1 : 0;
}

char *dr_wml_from_md(dr_wml *w, const char *s, size_t n)
{
	conv c = {.w = w};
	dr_buf_init(&c.out, MAX_WML);
	int rc = dr_md_walk(s, n, step, &c);
	char *xml = NULL;
	if (!rc && !c.failed)
		xml = dr_arena_strndup(w->a, c.out.p ? c.out.p : "", c.out.len);
	dr_buf_free(&c.out);
	return xml;
}
