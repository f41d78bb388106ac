/*
 * Python's Content-Transfer-Encoding decoders (binascii.a2b_qp,
 * email._encoded_words.decode_b, email.message._decode_uu), rewritten
 * from their documented behaviour; see cte.h for why not GMime's.
 */
#include "mail/cte.h"

GByteArray *cte_decode_qp(const char *data, gsize len)
{
	/* the output is never longer than the input */
	guchar *buf = g_malloc(len + 1), *o = buf;
	const guchar *in = (const guchar *)data;
	gsize i = 0;

	while (i < len) {
		const guchar *eq = memchr(in + i, '=', len - i);
		gsize run = eq ? (gsize)(eq - (in + i)) : len - i;

		memcpy(o, in + i, run);
		o += run;
		i += run + 1;
		if (!eq || i >= len)
			break; /* a trailing '=' is dropped */
		if (in[i] == '\n' || in[i] == '\r') {
			/* soft line break: "=\n", or "=\r" and anything up
			 * to the next "\n" */
			while (i < len && in[i] != '\n')
				i++;
			if (i < len)
				i++;
		} else if (in[i] == '=') {
			/* "==" is one '=' (binascii: "broken python qp") */
			*o++ = '=';
			i++;
		} else if (i + 1 < len && g_ascii_isxdigit(in[i]) &&
			   g_ascii_isxdigit(in[i + 1])) {
			*o++ = g_ascii_xdigit_value(in[i]) << 4 |
			       g_ascii_xdigit_value(in[i + 1]);
			i += 2;
		} else {
			/* keep the '=', reread what follows */
			*o++ = '=';
		}
	}
	return g_byte_array_new_take(buf, o - buf);
}

static const signed char b64_values[256] = {
	['A'] = 1,  ['B'] = 2,	['C'] = 3,  ['D'] = 4,	['E'] = 5,  ['F'] = 6,
	['G'] = 7,  ['H'] = 8,	['I'] = 9,  ['J'] = 10, ['K'] = 11, ['L'] = 12,
	['M'] = 13, ['N'] = 14, ['O'] = 15, ['P'] = 16, ['Q'] = 17, ['R'] = 18,
	['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22, ['W'] = 23, ['X'] = 24,
	['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28, ['c'] = 29, ['d'] = 30,
	['e'] = 31, ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36,
	['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42,
	['q'] = 43, ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48,
	['w'] = 49, ['x'] = 50, ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54,
	['2'] = 55, ['3'] = 56, ['4'] = 57, ['5'] = 58, ['6'] = 59, ['7'] = 60,
	['8'] = 61, ['9'] = 62, ['+'] = 63, ['/'] = 64,
};

GByteArray *cte_decode_base64(const char *data, gsize len)
{
	guchar *buf = g_malloc(len / 4 * 3 + 3), *o = buf;
	const guchar *in = (const guchar *)data;
	unsigned quad_pos = 0, pads = 0, left = 0;
	GByteArray *out;

	/*
	 * Python joins the lines first (b''.join(payload.splitlines())),
	 * so CR and LF are simply skipped here like any other character
	 * outside the alphabet; they only matter for the give-up case.
	 *
	 * decode_b() tries a strict decode with padding added, then
	 * binascii's lenient one, then the lenient one with "==" added,
	 * then gives up. Their results coincide with one lenient pass
	 * (invalid characters skipped, stop at the first complete padding)
	 * whose incomplete last quantum is dropped, except that a last
	 * quantum of a single character means "give up".
	 */
	for (gsize i = 0; i < len; i++) {
		guchar c = in[i];
		int v;
		if (c == '=') {
			if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
				quad_pos = 0;
				break;
			}
			continue;
		}
		v = b64_values[c] - 1;
		if (v < 0)
			continue;
		pads = 0;
		switch (quad_pos) {
		case 0:
			left = v;
			quad_pos = 1;
			break;
		case 1:
			*o++ = (left << 2) | (v >> 4);
			left = v & 0x0f;
			quad_pos = 2;
			break;
		case 2:
			*o++ = (left << 4) | (v >> 2);
			left = v & 0x03;
			quad_pos = 3;
			break;
		default:
			*o++ = (left << 6) | v;
			left = 0;
			quad_pos = 0;
			break;
		}
	}
	if (quad_pos != 1)
		return g_byte_array_new_take(buf, o - buf);
	/* Python returns the joined input */
	g_free(buf);
	out = g_byte_array_sized_new(len);
	for (gsize i = 0; i < len; i++)
		if (in[i] != '\r' && in[i] != '\n')
			g_byte_array_append(out, &in[i], 1);
	return out;
}

/* int(mode, 8) on a bytes value, or FALSE for a ValueError. */
static gboolean octal_ok(const guchar *s, gsize len)
{
	gsize i = 0;
	gboolean digit = FALSE, underscore_ok = FALSE;

	while (i < len && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
		i++;
	while (len > i && (s[len - 1] == ' ' ||
			   (s[len - 1] >= '\t' && s[len - 1] <= '\r')))
		len--;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i + 1 < len && s[i] == '0' &&
	    (s[i + 1] == 'o' || s[i + 1] == 'O')) {
		i += 2;
		underscore_ok = TRUE;
	}
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '7') {
			digit = TRUE;
			underscore_ok = TRUE;
		} else if (s[i] == '_' && underscore_ok) {
			underscore_ok = FALSE; /* no "__", no trailing "_" */
			if (i + 1 >= len)
				return FALSE;
		} else {
			return FALSE;
		}
	}
	return digit;
}

/* binascii.a2b_uu(line); FALSE on binascii.Error. */
static gboolean a2b_uu(const guchar *s, gssize len, GByteArray *out)
{
	int bin_len, left_bits = 0;
	unsigned left = 0;

	if (len <= 0)
		return TRUE; /* never called with an empty line */
	bin_len = (s[0] - ' ') & 077;
	s++;
	len--;
	for (; bin_len > 0; len--, s++) {
		int c = len > 0 ? *s : 0;
		if (c == '\n' || c == '\r' || len <= 0) {
			c = 0;
		} else {
			if (c < ' ' || c > ' ' + 64)
				return FALSE; /* illegal char */
			c = (c - ' ') & 077;
		}
		left = (left << 6) | c;
		left_bits += 6;
		if (left_bits >= 8) {
			guchar b;
			left_bits -= 8;
			b = (left >> left_bits) & 0xff;
			g_byte_array_append(out, &b, 1);
			left &= (1u << left_bits) - 1;
			bin_len--;
		}
	}
	for (; len > 0; len--, s++)
		if (*s != ' ' && *s != ' ' + 64 && *s != '\n' && *s != '\r')
			return FALSE; /* trailing garbage */
	return TRUE;
}

/* bytes.splitlines(): the next line at *pos, without its line break. */
static gboolean next_line(const guchar *data, gsize len, gsize *pos,
			  const guchar **line, gsize *line_len)
{
	gsize i = *pos;

	if (i >= len)
		return FALSE;
	*line = data + i;
	while (i < len && data[i] != '\n' && data[i] != '\r')
		i++;
	*line_len = data + i - *line;
	if (i < len && data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
		i += 2;
	else if (i < len)
		i++;
	*pos = i;
	return TRUE;
}

static gboolean is_end_line(const guchar *s, gsize len)
{
	/* line.strip(b' \t\r\n\f') == b'end' */
	while (len > 0 && strchr(" \t\r\n\f", s[0]) && s[0])
		s++, len--;
	while (len > 0 && strchr(" \t\r\n\f", s[len - 1]) && s[len - 1])
		len--;
	return len == 3 && memcmp(s, "end", 3) == 0;
}

GByteArray *cte_decode_uu(const char *data, gsize len)
{
	const guchar *in = (const guchar *)data, *line;
	gsize pos = 0, line_len;
	gboolean begun = FALSE;
	GByteArray *out;

	while (!begun && next_line(in, len, &pos, &line, &line_len)) {
		const guchar *mode, *space;
		if (line_len < 6 || memcmp(line, "begin ", 6) != 0)
			continue;
		mode = line + 6;
		space = memchr(mode, ' ', line + line_len - mode);
		begun = octal_ok(mode,
				 (space ? space : line + line_len) - mode);
	}
	if (!begun)
		return NULL; /* "`begin` line not found" */

	out = g_byte_array_new();
	while (next_line(in, len, &pos, &line, &line_len)) {
		guint mark = out->len;
		gsize n;

		if (line_len == 0)
			goto fail; /* "Truncated input" */
		if (is_end_line(line, line_len))
			break;
		if (a2b_uu(line, line_len, out))
			continue;
		/* workaround for broken uuencoders: decode only the
		 * characters the length byte announces */
		g_byte_array_set_size(out, mark);
		n = (((line[0] - 32) & 63) * 4 + 5) / 3;
		if (!a2b_uu(line, MIN(n, line_len), out))
			goto fail;
	}
	return out;
fail:
	g_byte_array_unref(out);
	return NULL;
}

static GBytes *take(GByteArray *a)
{
	return g_byte_array_free_to_bytes(a);
}

GBytes *cte_decode(const char *cte, const char *data, gsize len)
{
	GByteArray *a;

	/* GByteArray lengths are guint; no mail is anywhere near that */
	if (len > G_MAXUINT32 / 2)
		return g_bytes_new_static(data, len);

	if (strcmp(cte, "quoted-printable") == 0)
		return take(cte_decode_qp(data, len));
	if (strcmp(cte, "base64") == 0)
		return take(cte_decode_base64(data, len));
	if (strcmp(cte, "x-uuencode") == 0 || strcmp(cte, "uuencode") == 0 ||
	    strcmp(cte, "uue") == 0 || strcmp(cte, "x-uue") == 0) {
		a = cte_decode_uu(data, len);
		if (a)
			return take(a);
	}
	/* borrowed: saves a copy of every plain body (see cte.h) */
	return g_bytes_new_static(data, len);
}
