/*
 * Python's codec registry as the header port needs it (ingest.md
 * Appendix A): which codec a charset name of an encoded word means, by
 * Python 3.11's encodings.aliases table and the encodings/ modules darn can
 * run (through iconv or built in). A separate file because it is mostly
 * these two tables; header-codec.c runs the codecs.
 *
 * (mail/charset.c answers the same question for body parts with its own
 * tables; the header port keeps this one, which was checked byte for byte
 * against Python on every header of the linux-cifs archive.)
 */
#include "mail/header-private.h"

#include <stdlib.h>
#include <string.h>

/* encodings/ modules darn can run, by Python module name (sorted). */
static const struct py_module {
	const char *name;
	enum codec_kind kind;
	const char *iconv;
} py_modules[] = {
	{"ascii", CODEC_ASCII, NULL},
	{"big5", CODEC_ICONV, "BIG5"},
	{"big5hkscs", CODEC_ICONV, "BIG5-HKSCS"},
	{"charmap", CODEC_LATIN1, NULL}, /* bytes.decode('charmap') */
	{"cp037", CODEC_ICONV, "IBM037"},
	{"cp1026", CODEC_ICONV, "IBM1026"},
	{"cp1125", CODEC_ICONV, "CP1125"},
	{"cp1140", CODEC_ICONV, "IBM1140"},
	{"cp1250", CODEC_ICONV, "CP1250"},
	{"cp1251", CODEC_ICONV, "CP1251"},
	{"cp1252", CODEC_ICONV, "CP1252"},
	{"cp1253", CODEC_ICONV, "CP1253"},
	{"cp1254", CODEC_ICONV, "CP1254"},
	{"cp1255", CODEC_ICONV, "CP1255"},
	{"cp1256", CODEC_ICONV, "CP1256"},
	{"cp1257", CODEC_ICONV, "CP1257"},
	{"cp1258", CODEC_ICONV, "CP1258"},
	{"cp273", CODEC_ICONV, "IBM273"},
	{"cp424", CODEC_ICONV, "IBM424"},
	{"cp437", CODEC_ICONV, "IBM437"},
	{"cp500", CODEC_ICONV, "IBM500"},
	{"cp737", CODEC_ICONV, "CP737"},
	{"cp775", CODEC_ICONV, "CP775"},
	{"cp850", CODEC_ICONV, "IBM850"},
	{"cp852", CODEC_ICONV, "IBM852"},
	{"cp855", CODEC_ICONV, "IBM855"},
	{"cp856", CODEC_ICONV, "IBM856"},
	{"cp857", CODEC_ICONV, "IBM857"},
	{"cp858", CODEC_ICONV, "IBM858"},
	{"cp860", CODEC_ICONV, "IBM860"},
	{"cp861", CODEC_ICONV, "IBM861"},
	{"cp862", CODEC_ICONV, "IBM862"},
	{"cp863", CODEC_ICONV, "IBM863"},
	{"cp864", CODEC_ICONV, "IBM864"},
	{"cp865", CODEC_ICONV, "IBM865"},
	{"cp866", CODEC_ICONV, "IBM866"},
	{"cp869", CODEC_ICONV, "IBM869"},
	{"cp874", CODEC_ICONV, "CP874"},
	{"cp875", CODEC_ICONV, "IBM875"},
	{"cp932", CODEC_ICONV, "CP932"},
	{"cp949", CODEC_ICONV, "CP949"},
	{"cp950", CODEC_ICONV, "CP950"},
	{"euc_jis_2004", CODEC_ICONV, "EUC-JISX0213"},
	{"euc_jisx0213", CODEC_ICONV, "EUC-JISX0213"},
	{"euc_jp", CODEC_ICONV, "EUC-JP"},
	{"euc_kr", CODEC_ICONV, "EUC-KR"},
	{"gb18030", CODEC_ICONV, "GB18030"},
	{"gb2312", CODEC_ICONV, "EUC-CN"},
	{"gbk", CODEC_ICONV, "GBK"},
	{"hp_roman8", CODEC_ICONV, "HP-ROMAN8"},
	{"iso2022_jp", CODEC_ICONV, "ISO-2022-JP"},
	{"iso2022_jp_2", CODEC_ICONV, "ISO-2022-JP-2"},
	{"iso2022_jp_3", CODEC_ICONV, "ISO-2022-JP-3"},
	{"iso2022_kr", CODEC_ICONV, "ISO-2022-KR"},
	{"iso8859_1", CODEC_LATIN1, NULL},
	{"iso8859_10", CODEC_ICONV, "ISO-8859-10"},
	{"iso8859_11", CODEC_ICONV, "ISO-8859-11"},
	{"iso8859_13", CODEC_ICONV, "ISO-8859-13"},
	{"iso8859_14", CODEC_ICONV, "ISO-8859-14"},
	{"iso8859_15", CODEC_ICONV, "ISO-8859-15"},
	{"iso8859_16", CODEC_ICONV, "ISO-8859-16"},
	{"iso8859_2", CODEC_ICONV, "ISO-8859-2"},
	{"iso8859_3", CODEC_ICONV, "ISO-8859-3"},
	{"iso8859_4", CODEC_ICONV, "ISO-8859-4"},
	{"iso8859_5", CODEC_ICONV, "ISO-8859-5"},
	{"iso8859_6", CODEC_ICONV, "ISO-8859-6"},
	{"iso8859_7", CODEC_ICONV, "ISO-8859-7"},
	{"iso8859_8", CODEC_ICONV, "ISO-8859-8"},
	{"iso8859_9", CODEC_ICONV, "ISO-8859-9"},
	{"johab", CODEC_ICONV, "JOHAB"},
	{"koi8_r", CODEC_ICONV, "KOI8-R"},
	{"koi8_t", CODEC_ICONV, "KOI8-T"},
	{"koi8_u", CODEC_ICONV, "KOI8-U"},
	{"kz1048", CODEC_ICONV, "RK1048"},
	{"latin_1", CODEC_LATIN1, NULL},
	{"mac_cyrillic", CODEC_ICONV, "MAC-CYRILLIC"},
	{"mac_iceland", CODEC_ICONV, "MAC-IS"},
	{"mac_latin2", CODEC_ICONV, "MAC-CENTRALEUROPE"},
	{"mac_roman", CODEC_ICONV, "MACINTOSH"},
	{"ptcp154", CODEC_ICONV, "PT154"},
	{"shift_jis", CODEC_SJIS, "SHIFT_JIS"},
	{"shift_jis_2004", CODEC_ICONV, "SHIFT_JISX0213"},
	{"shift_jisx0213", CODEC_ICONV, "SHIFT_JISX0213"},
	{"tis_620", CODEC_ICONV, "TIS-620"},
	{"utf_16", CODEC_UTF16, NULL},
	{"utf_16_be", CODEC_ICONV, "UTF-16BE"},
	{"utf_16_le", CODEC_ICONV, "UTF-16LE"},
	{"utf_32", CODEC_UTF32, NULL},
	{"utf_32_be", CODEC_ICONV, "UTF-32BE"},
	{"utf_32_le", CODEC_ICONV, "UTF-32LE"},
	{"utf_7", CODEC_ICONV, "UTF-7"},
	{"utf_8", CODEC_UTF8, NULL},
	{"utf_8_sig", CODEC_UTF8_SIG, NULL},
};

/* Python 3.11 encodings.aliases.aliases (normalised alias -> module). */
static const struct py_alias {
	const char *alias;
	const char *module;
} py_aliases[] = {
	{"037", "cp037"},
	{"1026", "cp1026"},
	{"1125", "cp1125"},
	{"1140", "cp1140"},
	{"1250", "cp1250"},
	{"1251", "cp1251"},
	{"1252", "cp1252"},
	{"1253", "cp1253"},
	{"1254", "cp1254"},
	{"1255", "cp1255"},
	{"1256", "cp1256"},
	{"1257", "cp1257"},
	{"1258", "cp1258"},
	{"273", "cp273"},
	{"424", "cp424"},
	{"437", "cp437"},
	{"500", "cp500"},
	{"646", "ascii"},
	{"775", "cp775"},
	{"850", "cp850"},
	{"852", "cp852"},
	{"855", "cp855"},
	{"857", "cp857"},
	{"858", "cp858"},
	{"860", "cp860"},
	{"861", "cp861"},
	{"862", "cp862"},
	{"863", "cp863"},
	{"864", "cp864"},
	{"865", "cp865"},
	{"866", "cp866"},
	{"869", "cp869"},
	{"8859", "latin_1"},
	{"932", "cp932"},
	{"936", "gbk"},
	{"949", "cp949"},
	{"950", "cp950"},
	{"ansi", "mbcs"},
	{"ansi_x3.4_1968", "ascii"},
	{"ansi_x3.4_1986", "ascii"},
	{"ansi_x3_4_1968", "ascii"},
	{"arabic", "iso8859_6"},
	{"asmo_708", "iso8859_6"},
	{"base64", "base64_codec"},
	{"base_64", "base64_codec"},
	{"big5_hkscs", "big5hkscs"},
	{"big5_tw", "big5"},
	{"bz2", "bz2_codec"},
	{"chinese", "gb2312"},
	{"cp1051", "hp_roman8"},
	{"cp1361", "johab"},
	{"cp154", "ptcp154"},
	{"cp367", "ascii"},
	{"cp65001", "utf_8"},
	{"cp819", "latin_1"},
	{"cp866u", "cp1125"},
	{"cp936", "gbk"},
	{"cp_gr", "cp869"},
	{"cp_is", "cp861"},
	{"csHPRoman8", "hp_roman8"},
	{"csascii", "ascii"},
	{"csbig5", "big5"},
	{"csibm037", "cp037"},
	{"csibm1026", "cp1026"},
	{"csibm273", "cp273"},
	{"csibm424", "cp424"},
	{"csibm500", "cp500"},
	{"csibm855", "cp855"},
	{"csibm857", "cp857"},
	{"csibm858", "cp858"},
	{"csibm860", "cp860"},
	{"csibm861", "cp861"},
	{"csibm863", "cp863"},
	{"csibm864", "cp864"},
	{"csibm865", "cp865"},
	{"csibm866", "cp866"},
	{"csibm869", "cp869"},
	{"csiso2022jp", "iso2022_jp"},
	{"csiso2022kr", "iso2022_kr"},
	{"csiso58gb231280", "gb2312"},
	{"csisolatin1", "latin_1"},
	{"csisolatin2", "iso8859_2"},
	{"csisolatin3", "iso8859_3"},
	{"csisolatin4", "iso8859_4"},
	{"csisolatin5", "iso8859_9"},
	{"csisolatin6", "iso8859_10"},
	{"csisolatinarabic", "iso8859_6"},
	{"csisolatincyrillic", "iso8859_5"},
	{"csisolatingreek", "iso8859_7"},
	{"csisolatinhebrew", "iso8859_8"},
	{"cskoi8r", "koi8_r"},
	{"cspc775baltic", "cp775"},
	{"cspc850multilingual", "cp850"},
	{"cspc862latinhebrew", "cp862"},
	{"cspc8codepage437", "cp437"},
	{"cspcp852", "cp852"},
	{"csptcp154", "ptcp154"},
	{"csshiftjis", "shift_jis"},
	{"cyrillic", "iso8859_5"},
	{"cyrillic_asian", "ptcp154"},
	{"dbcs", "mbcs"},
	{"ebcdic_cp_be", "cp500"},
	{"ebcdic_cp_ca", "cp037"},
	{"ebcdic_cp_ch", "cp500"},
	{"ebcdic_cp_he", "cp424"},
	{"ebcdic_cp_nl", "cp037"},
	{"ebcdic_cp_us", "cp037"},
	{"ebcdic_cp_wt", "cp037"},
	{"ecma_114", "iso8859_6"},
	{"ecma_118", "iso8859_7"},
	{"elot_928", "iso8859_7"},
	{"euc_cn", "gb2312"},
	{"euc_jis2004", "euc_jis_2004"},
	{"euccn", "gb2312"},
	{"eucgb2312_cn", "gb2312"},
	{"eucjis2004", "euc_jis_2004"},
	{"eucjisx0213", "euc_jisx0213"},
	{"eucjp", "euc_jp"},
	{"euckr", "euc_kr"},
	{"gb18030_2000", "gb18030"},
	{"gb2312_1980", "gb2312"},
	{"gb2312_80", "gb2312"},
	{"greek", "iso8859_7"},
	{"greek8", "iso8859_7"},
	{"hebrew", "iso8859_8"},
	{"hex", "hex_codec"},
	{"hkscs", "big5hkscs"},
	{"hz_gb", "hz"},
	{"hz_gb_2312", "hz"},
	{"hzgb", "hz"},
	{"ibm037", "cp037"},
	{"ibm039", "cp037"},
	{"ibm1026", "cp1026"},
	{"ibm1051", "hp_roman8"},
	{"ibm1125", "cp1125"},
	{"ibm1140", "cp1140"},
	{"ibm273", "cp273"},
	{"ibm367", "ascii"},
	{"ibm424", "cp424"},
	{"ibm437", "cp437"},
	{"ibm500", "cp500"},
	{"ibm775", "cp775"},
	{"ibm819", "latin_1"},
	{"ibm850", "cp850"},
	{"ibm852", "cp852"},
	{"ibm855", "cp855"},
	{"ibm857", "cp857"},
	{"ibm858", "cp858"},
	{"ibm860", "cp860"},
	{"ibm861", "cp861"},
	{"ibm862", "cp862"},
	{"ibm863", "cp863"},
	{"ibm864", "cp864"},
	{"ibm865", "cp865"},
	{"ibm866", "cp866"},
	{"ibm869", "cp869"},
	{"iso2022jp", "iso2022_jp"},
	{"iso2022jp_1", "iso2022_jp_1"},
	{"iso2022jp_2", "iso2022_jp_2"},
	{"iso2022jp_2004", "iso2022_jp_2004"},
	{"iso2022jp_3", "iso2022_jp_3"},
	{"iso2022jp_ext", "iso2022_jp_ext"},
	{"iso2022kr", "iso2022_kr"},
	{"iso646_us", "ascii"},
	{"iso8859", "latin_1"},
	{"iso8859_1", "latin_1"},
	{"iso_2022_jp", "iso2022_jp"},
	{"iso_2022_jp_1", "iso2022_jp_1"},
	{"iso_2022_jp_2", "iso2022_jp_2"},
	{"iso_2022_jp_2004", "iso2022_jp_2004"},
	{"iso_2022_jp_3", "iso2022_jp_3"},
	{"iso_2022_jp_ext", "iso2022_jp_ext"},
	{"iso_2022_kr", "iso2022_kr"},
	{"iso_646.irv_1991", "ascii"},
	{"iso_8859_1", "latin_1"},
	{"iso_8859_10", "iso8859_10"},
	{"iso_8859_10_1992", "iso8859_10"},
	{"iso_8859_11", "iso8859_11"},
	{"iso_8859_11_2001", "iso8859_11"},
	{"iso_8859_13", "iso8859_13"},
	{"iso_8859_14", "iso8859_14"},
	{"iso_8859_14_1998", "iso8859_14"},
	{"iso_8859_15", "iso8859_15"},
	{"iso_8859_16", "iso8859_16"},
	{"iso_8859_16_2001", "iso8859_16"},
	{"iso_8859_1_1987", "latin_1"},
	{"iso_8859_2", "iso8859_2"},
	{"iso_8859_2_1987", "iso8859_2"},
	{"iso_8859_3", "iso8859_3"},
	{"iso_8859_3_1988", "iso8859_3"},
	{"iso_8859_4", "iso8859_4"},
	{"iso_8859_4_1988", "iso8859_4"},
	{"iso_8859_5", "iso8859_5"},
	{"iso_8859_5_1988", "iso8859_5"},
	{"iso_8859_6", "iso8859_6"},
	{"iso_8859_6_1987", "iso8859_6"},
	{"iso_8859_7", "iso8859_7"},
	{"iso_8859_7_1987", "iso8859_7"},
	{"iso_8859_8", "iso8859_8"},
	{"iso_8859_8_1988", "iso8859_8"},
	{"iso_8859_9", "iso8859_9"},
	{"iso_8859_9_1989", "iso8859_9"},
	{"iso_celtic", "iso8859_14"},
	{"iso_ir_100", "latin_1"},
	{"iso_ir_101", "iso8859_2"},
	{"iso_ir_109", "iso8859_3"},
	{"iso_ir_110", "iso8859_4"},
	{"iso_ir_126", "iso8859_7"},
	{"iso_ir_127", "iso8859_6"},
	{"iso_ir_138", "iso8859_8"},
	{"iso_ir_144", "iso8859_5"},
	{"iso_ir_148", "iso8859_9"},
	{"iso_ir_157", "iso8859_10"},
	{"iso_ir_166", "tis_620"},
	{"iso_ir_199", "iso8859_14"},
	{"iso_ir_226", "iso8859_16"},
	{"iso_ir_58", "gb2312"},
	{"iso_ir_6", "ascii"},
	{"jisx0213", "euc_jis_2004"},
	{"korean", "euc_kr"},
	{"ks_c_5601", "euc_kr"},
	{"ks_c_5601_1987", "euc_kr"},
	{"ks_x_1001", "euc_kr"},
	{"ksc5601", "euc_kr"},
	{"ksx1001", "euc_kr"},
	{"kz_1048", "kz1048"},
	{"l1", "latin_1"},
	{"l10", "iso8859_16"},
	{"l2", "iso8859_2"},
	{"l3", "iso8859_3"},
	{"l4", "iso8859_4"},
	{"l5", "iso8859_9"},
	{"l6", "iso8859_10"},
	{"l7", "iso8859_13"},
	{"l8", "iso8859_14"},
	{"l9", "iso8859_15"},
	{"latin", "latin_1"},
	{"latin1", "latin_1"},
	{"latin10", "iso8859_16"},
	{"latin2", "iso8859_2"},
	{"latin3", "iso8859_3"},
	{"latin4", "iso8859_4"},
	{"latin5", "iso8859_9"},
	{"latin6", "iso8859_10"},
	{"latin7", "iso8859_13"},
	{"latin8", "iso8859_14"},
	{"latin9", "iso8859_15"},
	{"mac_centeuro", "mac_latin2"},
	{"maccentraleurope", "mac_latin2"},
	{"maccyrillic", "mac_cyrillic"},
	{"macgreek", "mac_greek"},
	{"maciceland", "mac_iceland"},
	{"macintosh", "mac_roman"},
	{"maclatin2", "mac_latin2"},
	{"macroman", "mac_roman"},
	{"macturkish", "mac_turkish"},
	{"ms1361", "johab"},
	{"ms932", "cp932"},
	{"ms936", "gbk"},
	{"ms949", "cp949"},
	{"ms950", "cp950"},
	{"ms_kanji", "cp932"},
	{"mskanji", "cp932"},
	{"pt154", "ptcp154"},
	{"quopri", "quopri_codec"},
	{"quoted_printable", "quopri_codec"},
	{"quotedprintable", "quopri_codec"},
	{"r8", "hp_roman8"},
	{"rk1048", "kz1048"},
	{"roman8", "hp_roman8"},
	{"rot13", "rot_13"},
	{"ruscii", "cp1125"},
	{"s_jis", "shift_jis"},
	{"s_jis_2004", "shift_jis_2004"},
	{"s_jisx0213", "shift_jisx0213"},
	{"shiftjis", "shift_jis"},
	{"shiftjis2004", "shift_jis_2004"},
	{"shiftjisx0213", "shift_jisx0213"},
	{"sjis", "shift_jis"},
	{"sjis_2004", "shift_jis_2004"},
	{"sjisx0213", "shift_jisx0213"},
	{"strk1048_2002", "kz1048"},
	{"thai", "iso8859_11"},
	{"tis620", "tis_620"},
	{"tis_620_0", "tis_620"},
	{"tis_620_2529_0", "tis_620"},
	{"tis_620_2529_1", "tis_620"},
	{"u16", "utf_16"},
	{"u32", "utf_32"},
	{"u7", "utf_7"},
	{"u8", "utf_8"},
	{"u_jis", "euc_jp"},
	{"uhc", "cp949"},
	{"ujis", "euc_jp"},
	{"unicode_1_1_utf_7", "utf_7"},
	{"unicodebigunmarked", "utf_16_be"},
	{"unicodelittleunmarked", "utf_16_le"},
	{"us", "ascii"},
	{"us_ascii", "ascii"},
	{"utf", "utf_8"},
	{"utf16", "utf_16"},
	{"utf32", "utf_32"},
	{"utf7", "utf_7"},
	{"utf8", "utf_8"},
	{"utf8_ucs2", "utf_8"},
	{"utf8_ucs4", "utf_8"},
	{"utf_16be", "utf_16_be"},
	{"utf_16le", "utf_16_le"},
	{"utf_32be", "utf_32_be"},
	{"utf_32le", "utf_32_le"},
	{"uu", "uu_codec"},
	{"windows_1250", "cp1250"},
	{"windows_1251", "cp1251"},
	{"windows_1252", "cp1252"},
	{"windows_1253", "cp1253"},
	{"windows_1254", "cp1254"},
	{"windows_1255", "cp1255"},
	{"windows_1256", "cp1256"},
	{"windows_1257", "cp1257"},
	{"windows_1258", "cp1258"},
	{"x_mac_japanese", "shift_jis"},
	{"x_mac_korean", "euc_kr"},
	{"x_mac_simp_chinese", "gb2312"},
	{"x_mac_trad_chinese", "big5"},
	{"zip", "zlib_codec"},
	{"zlib", "zlib_codec"},
};

static int cmp_module(const void *key, const void *elem)
{
	return strcmp(key, ((const struct py_module *)elem)->name);
}

static int cmp_alias(const void *key, const void *elem)
{
	return strcmp(key, ((const struct py_alias *)elem)->alias);
}

static const struct py_module *find_module(const char *name)
{
	return bsearch(name, py_modules, G_N_ELEMENTS(py_modules),
		       sizeof(py_modules[0]), cmp_module);
}

static const char *find_alias(const char *name)
{
	const struct py_alias *a =
		bsearch(name, py_aliases, G_N_ELEMENTS(py_aliases),
			sizeof(py_aliases[0]), cmp_alias);
	return a ? a->module : NULL;
}

/*
 * codecs.lookup(name) as the encodings package resolves it: lower-case,
 * runs of characters other than letters, digits and '.' become one '_'
 * (dropped at the ends), then the alias table, then the module of that
 * name. name may hold NULs (Python raises ValueError, which Patchwork
 * catches like the LookupError of an unknown name).
 */
struct codec codec_lookup(const char *name, gsize len)
{
	struct codec c = {CODEC_NONE, NULL};
	g_autofree char *norm = NULL;
	char *p;
	gboolean punct = FALSE;
	const char *mods[2];

	if (len == 5 && memcmp(name, "utf-8", 5) == 0)
		return (struct codec){CODEC_UTF8, NULL};
	if (memchr(name, '\0', len))
		return c;
	norm = p = g_malloc(len * 2 + 1);
	for (gsize i = 0; i < len; i++) {
		char ch = g_ascii_tolower(name[i]);
		if (g_ascii_isalnum(ch) || ch == '.') {
			if (punct && p > norm)
				*p++ = '_';
			*p++ = ch;
			punct = FALSE;
		} else {
			punct = TRUE;
		}
	}
	*p = '\0';

	mods[0] = find_alias(norm);
	if (!mods[0] && strchr(norm, '.')) {
		g_autofree char *dots = g_strdup(norm);
		g_strdelimit(dots, ".", '_');
		mods[0] = find_alias(dots);
	}
	/* An alias whose module cannot be imported (mbcs on Linux) makes
	 * Python try the normalised name itself as a module. */
	mods[1] = (!mods[0] || strcmp(mods[0], "mbcs") == 0) ? norm : NULL;
	for (int i = 0; i < 2; i++) {
		const struct py_module *m;
		if (!mods[i] || !*mods[i] || strchr(mods[i], '.'))
			continue;
		m = find_module(mods[i]);
		if (m)
			return (struct codec){m->kind, m->iconv};
		if (strcmp(mods[i], "mbcs") != 0)
			break; /* importable but not runnable here */
	}
	return c;
}
