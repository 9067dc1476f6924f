/* The register's own files of decrec site: its index pages (all, key
 * decisions, per year, per decision maker, paginated), 404 page, sitemap,
 * feeds and data files, from a register listing (register.c). The pages of
 * each decision are rendered as its record is checked (the command's). */
#ifndef DR_SITE_H
#define DR_SITE_H

#include "decrec.h"

#endif
