/* Versions of decrec and of the libraries it runs on, for --version. Each
 * library's own string comes from the one file that wraps it. */
#include "decrec.h"

#include "load.h"
#include "md.h"

const char *dr_version(void)
{
	return DR_VERSION;
}

const char *dr_yaml_version(void)
{
	return dr_load_yaml_version();
}

const char *dr_cmark_version(void)
{
	return dr_md_version();
}
