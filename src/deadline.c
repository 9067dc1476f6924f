/* The statutory date arithmetic of rules.md over the config's calendar:
 * the call-in period, clear days of notice, the general exception. */
#include "config.h"
#include "date.h"

int dr_date_call_in(int32_t *deadline, int32_t *effective, const dr_config *cfg, int32_t published,
                    int *year)
{
	int32_t end, eff;
	if (dr_calendar_add(&cfg->cal, published, cfg->call_in_days, &end, year))
		return DR_ERANGE;
	eff = end + 1;
	if (cfg->effective_next_working && dr_calendar_add(&cfg->cal, end, 1, &eff, year))
		return DR_ERANGE;
	*deadline = end;
	*effective = eff;
	return 0;
}

int32_t dr_date_earliest_key_decision(const dr_config *cfg, int32_t first_published)
{
	/* Clear days exclude both ends: decision - first_published - 1 >= N. */
	return first_published + cfg->notice_clear_days + 1;
}

int dr_date_earliest_exception(int32_t *earliest, const dr_config *cfg, int32_t notice, int *year)
{
	int32_t last;
	if (cfg->exception_calendar) {
		*earliest = notice + cfg->exception_clear_days + 1;
		return 0;
	}
	/* The N-th working day after the notice is the last clear one needed. */
	if (cfg->exception_clear_days == 0) {
		*earliest = notice + 1;
		return 0;
	}
	if (dr_calendar_add(&cfg->cal, notice, cfg->exception_clear_days, &last, year))
		return DR_ERANGE;
	*earliest = last + 1;
	return 0;
}

int dr_date_first_working_day(int32_t *out, const dr_config *cfg, int32_t day, int *year)
{
	/* The first working day strictly after the day before. */
	return dr_calendar_add(&cfg->cal, day - 1, 1, out, year) ? DR_ERANGE : 0;
}

void dr_config_date_settings(dr_date_settings *out, const dr_config *cfg)
{
	const dr_calendar *cal = &cfg->cal;
	*out = (dr_date_settings){
	    .division = cfg->division,
	    .holidays_file = cfg->holidays_file,
	    .closures = cfg->closures,
	    .nclosures = cfg->nclosures,
	    .call_in_days = cfg->call_in_days,
	    .effective_next_working_day = cfg->effective_next_working,
	    .notice_clear_days = cfg->notice_clear_days,
	    .exception_clear_days = cfg->exception_clear_days,
	    .exception_working_days = !cfg->exception_calendar,
	};
	for (int y = cal->first_year; cal->covered && y <= cal->last_year; y++)
		if (cal->covered[y - cal->first_year]) {
			out->first_year = out->first_year ? out->first_year : y;
			out->last_year = y;
		}
}
