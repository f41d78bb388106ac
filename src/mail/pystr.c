/*
 * Python str semantics (strip, isspace, \s collapsing, code-point slicing)
 * for UTF-8 strings; see pystr.h for why darn needs them.
 */
#include "mail/pystr.h"

gboolean py_isspace(gunichar c)
{
	switch (c) {
	case '\t':
	case '\n':
	case 0x0b:
	case 0x0c:
	case '\r':
	case 0x1c:
	case 0x1d:
	case 0x1e:
	case 0x1f:
	case ' ':
	case 0x85:
	case 0xa0:
	case 0x1680:
	case 0x2028:
	case 0x2029:
	case 0x202f:
	case 0x205f:
	case 0x3000:
		return TRUE;
	default:
		return c >= 0x2000 && c <= 0x200a;
	}
}

gboolean py_isword(gunichar c)
{
	return c == '_' || g_unichar_isalnum(c);
}

/* Pointer just past the last non-space character of [s, end). */
static const char *rstrip_end(const char *s, const char *end)
{
	while (end > s) {
		const char *prev = g_utf8_find_prev_char(s, end);
		if (!prev || !py_isspace(g_utf8_get_char(prev)))
			break;
		end = prev;
	}
	return end;
}

static const char *lstrip_start(const char *s)
{
	while (*s && py_isspace(g_utf8_get_char(s)))
		s = g_utf8_next_char(s);
	return s;
}

void py_strip_span(const char *s, const char *end, const char **start_out,
		   const char **end_out)
{
	while (s < end && py_isspace(g_utf8_get_char(s)))
		s = g_utf8_next_char(s);
	*start_out = s;
	*end_out = rstrip_end(s, end);
}

char *py_strip(const char *s)
{
	const char *start = lstrip_start(s);
	const char *end = rstrip_end(start, start + strlen(start));
	return g_strndup(start, end - start);
}

char *py_normalise_space(const char *s)
{
	GString *out = g_string_sized_new(strlen(s));
	gboolean in_space = FALSE;

	for (const char *p = lstrip_start(s); *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (py_isspace(c)) {
			in_space = TRUE;
			continue;
		}
		if (in_space)
			g_string_append_c(out, ' ');
		in_space = FALSE;
		g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	return g_string_free(out, FALSE);
}

char *py_truncate(const char *s, gsize max_chars)
{
	const char *p = s;
	for (gsize i = 0; i < max_chars && *p; i++)
		p = g_utf8_next_char(p);
	return g_strndup(s, p - s);
}

char *py_remove_nul(const char *s, gsize len)
{
	char *out = g_malloc(len + 1);
	gsize n = 0;
	for (gsize i = 0; i < len; i++)
		if (s[i] != '\0')
			out[n++] = s[i];
	out[n] = '\0';
	return out;
}

/* First code point of each run of ten decimal digits in Unicode 14 (the
 * version Python 3.11 uses); generated with str.isdecimal(). */
static const guint32 decimal_zeros[] = {
	0x30,	 0x660,	  0x6f0,   0x7c0,   0x966,   0x9e6,   0xa66,   0xae6,
	0xb66,	 0xbe6,	  0xc66,   0xce6,   0xd66,   0xde6,   0xe50,   0xed0,
	0xf20,	 0x1040,  0x1090,  0x17e0,  0x1810,  0x1946,  0x19d0,  0x1a80,
	0x1a90,	 0x1b50,  0x1bb0,  0x1c40,  0x1c50,  0xa620,  0xa8d0,  0xa900,
	0xa9d0,	 0xa9f0,  0xaa50,  0xabf0,  0xff10,  0x104a0, 0x10d30, 0x11066,
	0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0,
	0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0,
	0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0,
	0x1e950, 0x1fbf0,
};

/* Code points that are str.isdigit() but not str.isdecimal() in Unicode 14,
 * as inclusive ranges. */
static const guint32 digit_ranges[][2] = {
	{0xb2, 0xb3},	    {0xb9, 0xb9},	{0x1369, 0x1371},
	{0x19da, 0x19da},   {0x2070, 0x2070},	{0x2074, 0x2079},
	{0x2080, 0x2089},   {0x2460, 0x2468},	{0x2474, 0x247c},
	{0x2488, 0x2490},   {0x24ea, 0x24ea},	{0x24f5, 0x24fd},
	{0x24ff, 0x24ff},   {0x2776, 0x277e},	{0x2780, 0x2788},
	{0x278a, 0x2792},   {0x10a40, 0x10a43}, {0x10e60, 0x10e68},
	{0x11052, 0x1105a}, {0x1f100, 0x1f10a},
};

int py_decimal_value(gunichar c)
{
	gsize lo = 0, hi = G_N_ELEMENTS(decimal_zeros);

	if (c < 0x80)
		return c >= '0' && c <= '9' ? (int)(c - '0') : -1;
	/* Last run that starts at or before c. */
	while (hi - lo > 1) {
		gsize mid = (lo + hi) / 2;
		if (decimal_zeros[mid] <= c)
			lo = mid;
		else
			hi = mid;
	}
	if (c >= decimal_zeros[lo] && c < decimal_zeros[lo] + 10)
		return (int)(c - decimal_zeros[lo]);
	return -1;
}

gboolean py_isdigit(gunichar c)
{
	if (py_decimal_value(c) >= 0)
		return TRUE;
	for (gsize i = 0; i < G_N_ELEMENTS(digit_ranges); i++)
		if (c >= digit_ranges[i][0] && c <= digit_ranges[i][1])
			return TRUE;
	return FALSE;
}

/* Approximations of Unicode's Cased and Case_Ignorable properties, which
 * Python consults only to choose between σ and ς. */
static gboolean is_cased(gunichar c)
{
	return g_unichar_isupper(c) || g_unichar_islower(c) ||
	       g_unichar_istitle(c);
}

static gboolean is_case_ignorable(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_NON_SPACING_MARK:
	case G_UNICODE_ENCLOSING_MARK:
	case G_UNICODE_FORMAT:
	case G_UNICODE_MODIFIER_LETTER:
	case G_UNICODE_MODIFIER_SYMBOL:
		return TRUE;
	default:
		break;
	}
	/* Word_Break MidLetter, MidNumLet and Single_Quote. */
	switch (c) {
	case '\'':
	case '.':
	case ':':
	case 0xb7:
	case 0x387:
	case 0x55f:
	case 0x5f4:
	case 0x2018:
	case 0x2019:
	case 0x2024:
	case 0x2027:
	case 0xfe13:
	case 0xfe52:
	case 0xfe55:
	case 0xff07:
	case 0xff0e:
	case 0xff1a:
		return TRUE;
	default:
		return FALSE;
	}
}

/* Python's handle_capital_sigma(): ς when the sigma ends a cased word. */
static gunichar lower_sigma(const gunichar *u, glong len, glong i)
{
	glong j;

	for (j = i - 1; j >= 0 && is_case_ignorable(u[j]); j--)
		;
	if (j < 0 || !is_cased(u[j]))
		return 0x3c3;
	for (j = i + 1; j < len && is_case_ignorable(u[j]); j++)
		;
	return j == len || !is_cased(u[j]) ? 0x3c2 : 0x3c3;
}

char *py_lower(const char *s)
{
	const char *p;
	glong len;
	GString *out;

	for (p = s; *p && !(*p & 0x80); p++)
		;
	if (!*p)
		return g_ascii_strdown(s, -1);

	g_autofree gunichar *u = g_utf8_to_ucs4_fast(s, -1, &len);
	out = g_string_sized_new(strlen(s) + 8);
	for (glong i = 0; i < len; i++) {
		gunichar c = u[i];
		if (c == 0x130) {
			/* The one unconditional multi-character lowering. */
			g_string_append(out, "i\xcc\x87");
			continue;
		}
		if (c == 0x3a3)
			c = lower_sigma(u, len, i);
		else if (c >= 0x2160 && c <= 0x216f) /* Roman numerals */
			c += 0x10;
		else if (c >= 0x24b6 && c <= 0x24cf) /* circled letters */
			c += 0x1a;
		else
			c = g_unichar_tolower(c);
		g_string_append_unichar(out, c);
	}
	return g_string_free(out, FALSE);
}

/* Python's int() of a str: surrounding white space, a sign, decimal
 * digits of any script with single '_' between them. FALSE when it would
 * raise ValueError or the value does not fit. */
gboolean py_parse_int(const char *s, gint64 *out)
{
	const char *start, *end;
	gint64 v = 0;
	gboolean neg = FALSE, digit = FALSE;

	py_strip_span(s, s + strlen(s), &start, &end);
	if (start < end && (*start == '+' || *start == '-'))
		neg = *start++ == '-';
	for (const char *p = start; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		int d = py_decimal_value(c);
		if (c == '_' && digit && p + 1 < end && p[1] != '_') {
			digit = FALSE;
			continue;
		}
		if (d < 0 || v > (G_MAXINT64 - d) / 10)
			return FALSE;
		v = v * 10 + d;
		digit = TRUE;
	}
	if (!digit)
		return FALSE;
	*out = neg ? -v : v;
	return TRUE;
}
