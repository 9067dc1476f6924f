/* Built-in bank holidays for England and Wales, Scotland and Northern Ireland,
 * 2012 to 2027, as published by GOV.UK (https://www.gov.uk/bank-holidays),
 * including substitute days and one-off holidays. A year outside the range is
 * not guessed: callers must treat it as unknown. */
#include "holidays.h"

#include <string.h>

static const dr_holiday england_and_wales[] = {
    /* 2012 */
    {20120102, "New Year's Day (substitute day)"},
    {20120406, "Good Friday"},
    {20120409, "Easter Monday"},
    {20120507, "Early May bank holiday"},
    {20120604, "Spring bank holiday"},
    {20120605, "Queen's Diamond Jubilee"},
    {20120827, "Summer bank holiday"},
    {20121225, "Christmas Day"},
    {20121226, "Boxing Day"},

    /* 2013 */
    {20130101, "New Year's Day"},
    {20130329, "Good Friday"},
    {20130401, "Easter Monday"},
    {20130506, "Early May bank holiday"},
    {20130527, "Spring bank holiday"},
    {20130826, "Summer bank holiday"},
    {20131225, "Christmas Day"},
    {20131226, "Boxing Day"},

    /* 2014 */
    {20140101, "New Year's Day"},
    {20140418, "Good Friday"},
    {20140421, "Easter Monday"},
    {20140505, "Early May bank holiday"},
    {20140526, "Spring bank holiday"},
    {20140825, "Summer bank holiday"},
    {20141225, "Christmas Day"},
    {20141226, "Boxing Day"},

    /* 2015 */
    {20150101, "New Year's Day"},
    {20150403, "Good Friday"},
    {20150406, "Easter Monday"},
    {20150504, "Early May bank holiday"},
    {20150525, "Spring bank holiday"},
    {20150831, "Summer bank holiday"},
    {20151225, "Christmas Day"},
    {20151228, "Boxing Day (substitute day)"},

    /* 2016 */
    {20160101, "New Year's Day"},
    {20160325, "Good Friday"},
    {20160328, "Easter Monday"},
    {20160502, "Early May bank holiday"},
    {20160530, "Spring bank holiday"},
    {20160829, "Summer bank holiday"},
    {20161226, "Boxing Day"},
    {20161227, "Christmas Day (substitute day)"},

    /* 2017 */
    {20170102, "New Year's Day (substitute day)"},
    {20170414, "Good Friday"},
    {20170417, "Easter Monday"},
    {20170501, "Early May bank holiday"},
    {20170529, "Spring bank holiday"},
    {20170828, "Summer bank holiday"},
    {20171225, "Christmas Day"},
    {20171226, "Boxing Day"},

    /* 2018 */
    {20180101, "New Year's Day"},
    {20180330, "Good Friday"},
    {20180402, "Easter Monday"},
    {20180507, "Early May bank holiday"},
    {20180528, "Spring bank holiday"},
    {20180827, "Summer bank holiday"},
    {20181225, "Christmas Day"},
    {20181226, "Boxing Day"},

    /* 2019 */
    {20190101, "New Year's Day"},
    {20190419, "Good Friday"},
    {20190422, "Easter Monday"},
    {20190506, "Early May bank holiday"},
    {20190527, "Spring bank holiday"},
    {20190826, "Summer bank holiday"},
    {20191225, "Christmas Day"},
    {20191226, "Boxing Day"},

    /* 2020 */
    {20200101, "New Year's Day"},
    {20200410, "Good Friday"},
    {20200413, "Easter Monday"},
    {20200508, "Early May bank holiday (VE day)"},
    {20200525, "Spring bank holiday"},
    {20200831, "Summer bank holiday"},
    {20201225, "Christmas Day"},
    {20201228, "Boxing Day (substitute day)"},

    /* 2021 */
    {20210101, "New Year's Day"},
    {20210402, "Good Friday"},
    {20210405, "Easter Monday"},
    {20210503, "Early May bank holiday"},
    {20210531, "Spring bank holiday"},
    {20210830, "Summer bank holiday"},
    {20211227, "Christmas Day (substitute day)"},
    {20211228, "Boxing Day (substitute day)"},

    /* 2022 */
    {20220103, "New Year's Day (substitute day)"},
    {20220415, "Good Friday"},
    {20220418, "Easter Monday"},
    {20220502, "Early May bank holiday"},
    {20220602, "Spring bank holiday"},
    {20220603, "Platinum Jubilee bank holiday"},
    {20220829, "Summer bank holiday"},
    {20220919, "Bank Holiday for the State Funeral of Queen Elizabeth II"},
    {20221226, "Boxing Day"},
    {20221227, "Christmas Day (substitute day)"},

    /* 2023 */
    {20230102, "New Year's Day (substitute day)"},
    {20230407, "Good Friday"},
    {20230410, "Easter Monday"},
    {20230501, "Early May bank holiday"},
    {20230508, "Bank holiday for the coronation of King Charles III"},
    {20230529, "Spring bank holiday"},
    {20230828, "Summer bank holiday"},
    {20231225, "Christmas Day"},
    {20231226, "Boxing Day"},

    /* 2024 */
    {20240101, "New Year's Day"},
    {20240329, "Good Friday"},
    {20240401, "Easter Monday"},
    {20240506, "Early May bank holiday"},
    {20240527, "Spring bank holiday"},
    {20240826, "Summer bank holiday"},
    {20241225, "Christmas Day"},
    {20241226, "Boxing Day"},

    /* 2025 */
    {20250101, "New Year's Day"},
    {20250418, "Good Friday"},
    {20250421, "Easter Monday"},
    {20250505, "Early May bank holiday"},
    {20250526, "Spring bank holiday"},
    {20250825, "Summer bank holiday"},
    {20251225, "Christmas Day"},
    {20251226, "Boxing Day"},

    /* 2026 */
    {20260101, "New Year's Day"},
    {20260403, "Good Friday"},
    {20260406, "Easter Monday"},
    {20260504, "Early May bank holiday"},
    {20260525, "Spring bank holiday"},
    {20260831, "Summer bank holiday"},
    {20261225, "Christmas Day"},
    {20261228, "Boxing Day (substitute day)"},

    /* 2027 */
    {20270101, "New Year's Day"},
    {20270326, "Good Friday"},
    {20270329, "Easter Monday"},
    {20270503, "Early May bank holiday"},
    {20270531, "Spring bank holiday"},
    {20270830, "Summer bank holiday"},
    {20271227, "Christmas Day (substitute day)"},
    {20271228, "Boxing Day (substitute day)"},
};

static const dr_holiday scotland[] = {
    /* 2012 */
    {20120102, "2nd January"},
    {20120103, "New Year's Day (substitute day)"},
    {20120406, "Good Friday"},
    {20120507, "Early May bank holiday"},
    {20120604, "Spring bank holiday"},
    {20120605, "Queen's Diamond Jubilee"},
    {20120806, "Summer bank holiday"},
    {20121130, "St Andrew's Day"},
    {20121225, "Christmas Day"},
    {20121226, "Boxing Day"},

    /* 2013 */
    {20130101, "New Year's Day"},
    {20130102, "2nd January"},
    {20130329, "Good Friday"},
    {20130506, "Early May bank holiday"},
    {20130527, "Spring bank holiday"},
    {20130805, "Summer bank holiday"},
    {20131202, "St Andrew's Day (substitute day)"},
    {20131225, "Christmas Day"},
    {20131226, "Boxing Day"},

    /* 2014 */
    {20140101, "New Year's Day"},
    {20140102, "2nd January"},
    {20140418, "Good Friday"},
    {20140505, "Early May bank holiday"},
    {20140526, "Spring bank holiday"},
    {20140804, "Summer bank holiday"},
    {20141201, "St Andrew's Day (substitute day)"},
    {20141225, "Christmas Day"},
    {20141226, "Boxing Day"},

    /* 2015 */
    {20150101, "New Year's Day"},
    {20150102, "2nd January"},
    {20150403, "Good Friday"},
    {20150504, "Early May bank holiday"},
    {20150525, "Spring bank holiday"},
    {20150803, "Summer bank holiday"},
    {20151130, "St Andrew's Day"},
    {20151225, "Christmas Day"},
    {20151228, "Boxing Day (substitute day)"},

    /* 2016 */
    {20160101, "New Year's Day"},
    {20160104, "2nd January (substitute day)"},
    {20160325, "Good Friday"},
    {20160502, "Early May bank holiday"},
    {20160530, "Spring bank holiday"},
    {20160801, "Summer bank holiday"},
    {20161130, "St Andrew's Day"},
    {20161226, "Boxing Day"},
    {20161227, "Christmas Day (substitute day)"},

    /* 2017 */
    {20170102, "2nd January"},
    {20170103, "New Year's Day (substitute day)"},
    {20170414, "Good Friday"},
    {20170501, "Early May bank holiday"},
    {20170529, "Spring bank holiday"},
    {20170807, "Summer bank holiday"},
    {20171130, "St Andrew's Day"},
    {20171225, "Christmas Day"},
    {20171226, "Boxing Day"},

    /* 2018 */
    {20180101, "New Year's Day"},
    {20180102, "2nd January"},
    {20180330, "Good Friday"},
    {20180507, "Early May bank holiday"},
    {20180528, "Spring bank holiday"},
    {20180806, "Summer bank holiday"},
    {20181130, "St Andrew's Day"},
    {20181225, "Christmas Day"},
    {20181226, "Boxing Day"},

    /* 2019 */
    {20190101, "New Year's Day"},
    {20190102, "2nd January"},
    {20190419, "Good Friday"},
    {20190506, "Early May bank holiday"},
    {20190527, "Spring bank holiday"},
    {20190805, "Summer bank holiday"},
    {20191202, "St Andrew's Day (substitute day)"},
    {20191225, "Christmas Day"},
    {20191226, "Boxing Day"},

    /* 2020 */
    {20200101, "New Year's Day"},
    {20200102, "2nd January"},
    {20200410, "Good Friday"},
    {20200508, "Early May bank holiday (VE day)"},
    {20200525, "Spring bank holiday"},
    {20200803, "Summer bank holiday"},
    {20201130, "St Andrew's Day"},
    {20201225, "Christmas Day"},
    {20201228, "Boxing Day (substitute day)"},

    /* 2021 */
    {20210101, "New Year's Day"},
    {20210104, "2nd January (substitute day)"},
    {20210402, "Good Friday"},
    {20210503, "Early May bank holiday"},
    {20210531, "Spring bank holiday"},
    {20210802, "Summer bank holiday"},
    {20211130, "St Andrew's Day"},
    {20211227, "Christmas Day (substitute day)"},
    {20211228, "Boxing Day (substitute day)"},

    /* 2022 */
    {20220103, "New Year's Day (substitute day)"},
    {20220104, "2nd January (substitute day)"},
    {20220415, "Good Friday"},
    {20220502, "Early May bank holiday"},
    {20220602, "Spring bank holiday"},
    {20220603, "Platinum Jubilee bank holiday"},
    {20220801, "Summer bank holiday"},
    {20220919, "Bank Holiday for the State Funeral of Queen Elizabeth II"},
    {20221130, "St Andrew's Day"},
    {20221226, "Boxing Day"},
    {20221227, "Christmas Day (substitute day)"},

    /* 2023 */
    {20230102, "New Year's Day (substitute day)"},
    {20230103, "2nd January (substitute day)"},
    {20230407, "Good Friday"},
    {20230501, "Early May bank holiday"},
    {20230508, "Bank holiday for the coronation of King Charles III"},
    {20230529, "Spring bank holiday"},
    {20230807, "Summer bank holiday"},
    {20231130, "St Andrew's Day"},
    {20231225, "Christmas Day"},
    {20231226, "Boxing Day"},

    /* 2024 */
    {20240101, "New Year's Day"},
    {20240102, "2nd January"},
    {20240329, "Good Friday"},
    {20240506, "Early May bank holiday"},
    {20240527, "Spring bank holiday"},
    {20240805, "Summer bank holiday"},
    {20241202, "St Andrew's Day (substitute day)"},
    {20241225, "Christmas Day"},
    {20241226, "Boxing Day"},

    /* 2025 */
    {20250101, "New Year's Day"},
    {20250102, "2nd January"},
    {20250418, "Good Friday"},
    {20250505, "Early May bank holiday"},
    {20250526, "Spring bank holiday"},
    {20250804, "Summer bank holiday"},
    {20251201, "St Andrew's Day (substitute day)"},
    {20251225, "Christmas Day"},
    {20251226, "Boxing Day"},

    /* 2026 */
    {20260101, "New Year's Day"},
    {20260102, "2nd January"},
    {20260403, "Good Friday"},
    {20260504, "Early May bank holiday"},
    {20260525, "Spring bank holiday"},
    {20260803, "Summer bank holiday"},
    {20261130, "St Andrew's Day"},
    {20261225, "Christmas Day"},
    {20261228, "Boxing Day (substitute day)"},

    /* 2027 */
    {20270101, "New Year's Day"},
    {20270104, "2nd January (substitute day)"},
    {20270326, "Good Friday"},
    {20270503, "Early May bank holiday"},
    {20270531, "Spring bank holiday"},
    {20270802, "Summer bank holiday"},
    {20271130, "St Andrew's Day"},
    {20271227, "Christmas Day (substitute day)"},
    {20271228, "Boxing Day (substitute day)"},
};

static const dr_holiday northern_ireland[] = {
    /* 2012 */
    {20120102, "New Year's Day (substitute day)"},
    {20120319, "St Patrick's Day (substitute day)"},
    {20120406, "Good Friday"},
    {20120409, "Easter Monday"},
    {20120507, "Early May bank holiday"},
    {20120604, "Spring bank holiday"},
    {20120605, "Queen's Diamond Jubilee"},
    {20120712, "Battle of the Boyne (Orangemen's Day)"},
    {20120827, "Summer bank holiday"},
    {20121225, "Christmas Day"},
    {20121226, "Boxing Day"},

    /* 2013 */
    {20130101, "New Year's Day"},
    {20130318, "St Patrick's Day (substitute day)"},
    {20130329, "Good Friday"},
    {20130401, "Easter Monday"},
    {20130506, "Early May bank holiday"},
    {20130527, "Spring bank holiday"},
    {20130712, "Battle of the Boyne (Orangemen's Day)"},
    {20130826, "Summer bank holiday"},
    {20131225, "Christmas Day"},
    {20131226, "Boxing Day"},

    /* 2014 */
    {20140101, "New Year's Day"},
    {20140317, "St Patrick's Day"},
    {20140418, "Good Friday"},
    {20140421, "Easter Monday"},
    {20140505, "Early May bank holiday"},
    {20140526, "Spring bank holiday"},
    {20140714, "Battle of the Boyne (Orangemen's Day) (substitute day)"},
    {20140825, "Summer bank holiday"},
    {20141225, "Christmas Day"},
    {20141226, "Boxing Day"},

    /* 2015 */
    {20150101, "New Year's Day"},
    {20150317, "St Patrick's Day"},
    {20150403, "Good Friday"},
    {20150406, "Easter Monday"},
    {20150504, "Early May bank holiday"},
    {20150525, "Spring bank holiday"},
    {20150713, "Battle of the Boyne (Orangemen's Day) (substitute day)"},
    {20150831, "Summer bank holiday"},
    {20151225, "Christmas Day"},
    {20151228, "Boxing Day (substitute day)"},

    /* 2016 */
    {20160101, "New Year's Day"},
    {20160317, "St Patrick's Day"},
    {20160325, "Good Friday"},
    {20160328, "Easter Monday"},
    {20160502, "Early May bank holiday"},
    {20160530, "Spring bank holiday"},
    {20160712, "Battle of the Boyne (Orangemen's Day)"},
    {20160829, "Summer bank holiday"},
    {20161226, "Boxing Day"},
    {20161227, "Christmas Day (substitute day)"},

    /* 2017 */
    {20170102, "New Year's Day (substitute day)"},
    {20170317, "St Patrick's Day"},
    {20170414, "Good Friday"},
    {20170417, "Easter Monday"},
    {20170501, "Early May bank holiday"},
    {20170529, "Spring bank holiday"},
    {20170712, "Battle of the Boyne (Orangemen's Day)"},
    {20170828, "Summer bank holiday"},
    {20171225, "Christmas Day"},
    {20171226, "Boxing Day"},

    /* 2018 */
    {20180101, "New Year's Day"},
    {20180319, "St Patrick's Day (substitute day)"},
    {20180330, "Good Friday"},
    {20180402, "Easter Monday"},
    {20180507, "Early May bank holiday"},
    {20180528, "Spring bank holiday"},
    {20180712, "Battle of the Boyne (Orangemen's Day)"},
    {20180827, "Summer bank holiday"},
    {20181225, "Christmas Day"},
    {20181226, "Boxing Day"},

    /* 2019 */
    {20190101, "New Year's Day"},
    {20190318, "St Patrick's Day (substitute day)"},
    {20190419, "Good Friday"},
    {20190422, "Easter Monday"},
    {20190506, "Early May bank holiday"},
    {20190527, "Spring bank holiday"},
    {20190712, "Battle of the Boyne (Orangemen's Day)"},
    {20190826, "Summer bank holiday"},
    {20191225, "Christmas Day"},
    {20191226, "Boxing Day"},

    /* 2020 */
    {20200101, "New Year's Day"},
    {20200317, "St Patrick's Day"},
    {20200410, "Good Friday"},
    {20200413, "Easter Monday"},
    {20200508, "Early May bank holiday (VE day)"},
    {20200525, "Spring bank holiday"},
    {20200713, "Battle of the Boyne (Orangemen's Day) (substitute day)"},
    {20200831, "Summer bank holiday"},
    {20201225, "Christmas Day"},
    {20201228, "Boxing Day (substitute day)"},

    /* 2021 */
    {20210101, "New Year's Day"},
    {20210317, "St Patrick's Day"},
    {20210402, "Good Friday"},
    {20210405, "Easter Monday"},
    {20210503, "Early May bank holiday"},
    {20210531, "Spring bank holiday"},
    {20210712, "Battle of the Boyne (Orangemen's Day)"},
    {20210830, "Summer bank holiday"},
    {20211227, "Christmas Day (substitute day)"},
    {20211228, "Boxing Day (substitute day)"},

    /* 2022 */
    {20220103, "New Year's Day (substitute day)"},
    {20220317, "St Patrick's Day"},
    {20220415, "Good Friday"},
    {20220418, "Easter Monday"},
    {20220502, "Early May bank holiday"},
    {20220602, "Spring bank holiday"},
    {20220603, "Platinum Jubilee bank holiday"},
    {20220712, "Battle of the Boyne (Orangemen's Day)"},
    {20220829, "Summer bank holiday"},
    {20220919, "Bank Holiday for the State Funeral of Queen Elizabeth II"},
    {20221226, "Boxing Day"},
    {20221227, "Christmas Day (substitute day)"},

    /* 2023 */
    {20230102, "New Year's Day (substitute day)"},
    {20230317, "St Patrick's Day"},
    {20230407, "Good Friday"},
    {20230410, "Easter Monday"},
    {20230501, "Early May bank holiday"},
    {20230508, "Bank holiday for the coronation of King Charles III"},
    {20230529, "Spring bank holiday"},
    {20230712, "Battle of the Boyne (Orangemen's Day)"},
    {20230828, "Summer bank holiday"},
    {20231225, "Christmas Day"},
    {20231226, "Boxing Day"},

    /* 2024 */
    {20240101, "New Year's Day"},
    {20240318, "St Patrick's Day (substitute day)"},
    {20240329, "Good Friday"},
    {20240401, "Easter Monday"},
    {20240506, "Early May bank holiday"},
    {20240527, "Spring bank holiday"},
    {20240712, "Battle of the Boyne (Orangemen's Day)"},
    {20240826, "Summer bank holiday"},
    {20241225, "Christmas Day"},
    {20241226, "Boxing Day"},

    /* 2025 */
    {20250101, "New Year's Day"},
    {20250317, "St Patrick's Day"},
    {20250418, "Good Friday"},
    {20250421, "Easter Monday"},
    {20250505, "Early May bank holiday"},
    {20250526, "Spring bank holiday"},
    {20250714, "Battle of the Boyne (Orangemen's Day) (substitute day)"},
    {20250825, "Summer bank holiday"},
    {20251225, "Christmas Day"},
    {20251226, "Boxing Day"},

    /* 2026 */
    {20260101, "New Year's Day"},
    {20260317, "St Patrick's Day"},
    {20260403, "Good Friday"},
    {20260406, "Easter Monday"},
    {20260504, "Early May bank holiday"},
    {20260525, "Spring bank holiday"},
    {20260713, "Battle of the Boyne (Orangemen's Day) (substitute day)"},
    {20260831, "Summer bank holiday"},
    {20261225, "Christmas Day"},
    {20261228, "Boxing Day (substitute day)"},

    /* 2027 */
    {20270101, "New Year's Day"},
    {20270317, "St Patrick's Day"},
    {20270326, "Good Friday"},
    {20270329, "Easter Monday"},
    {20270503, "Early May bank holiday"},
    {20270531, "Spring bank holiday"},
    {20270712, "Battle of the Boyne (Orangemen's Day)"},
    {20270830, "Summer bank holiday"},
    {20271227, "Christmas Day (substitute day)"},
    {20271228, "Boxing Day (substitute day)"},
};

static const struct {
	const char *name;
	const dr_holiday *table;
	size_t count;
} divisions[] = {
    {"england-and-wales", england_and_wales,
     sizeof england_and_wales / sizeof england_and_wales[0]},
    {"scotland", scotland, sizeof scotland / sizeof scotland[0]},
    {"northern-ireland", northern_ireland, sizeof northern_ireland / sizeof northern_ireland[0]},
};

const dr_holiday *dr_holidays_builtin(const char *name, size_t *count)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sizeof divisions / sizeof divisions[0]; i++) {
		if (strcmp(name, divisions[i].name) == 0) {
			if (count != NULL)
				*count = divisions[i].count;
			return divisions[i].table;
		}
	}
	return NULL;
}
