/* Classifying links. Browsers drop tabs and line breaks inside URLs, ignore
 * leading spaces and control characters, and read '\\' as '/', so
 * "java\nscript:" is a javascript: URL: any such character makes a link
 * unsafe. */
#include "url.h"

#include <string.h>
#include <strings.h>

static int alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

dr_url_kind dr_url_classify(const char *h)
{
	if (h[0] == ' ')
		return DR_URL_UNSAFE;
	for (const unsigned char *p = (const unsigned char *)h; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '\\')
			return DR_URL_UNSAFE;
	size_t i = 0;
	if (alpha(h[0]))
		while (alpha(h[i]) || (h[i] >= '0' && h[i] <= '9') || h[i] == '+' || h[i] == '-' ||
		       h[i] == '.')
			i++;
	if (i && h[i] == ':') {
		int web = (i == 4 && !strncasecmp(h, "http", 4)) ||
		          (i == 5 && !strncasecmp(h, "https", 5));
		if (!web)
			return DR_URL_UNSAFE;
		const char *host = h + i + 1;
		return strncmp(host, "//", 2) || !host[2] || host[2] == '/' ? DR_URL_BAD_WEB
		                                                            : DR_URL_WEB;
	}
	if (h[0] == '/')
		return h[1] == '/' ? DR_URL_UNSAFE : DR_URL_ABSOLUTE;
	return DR_URL_RELATIVE;
}
