/*
 * A MIME part's Content-Type value read with Python's email package rules
 * (compat32) rather than GMime's: get_content_type(), get_param() with
 * RFC 2231 segments, get_content_charset() and get_boundary() (ingest.md
 * §10.1). Kept apart from content.c, which walks the parts, because it is
 * a parser of one header value with no knowledge of the walk.
 *
 * Known difference from Python: RFC 2231 parameters "name*" mixed with
 * "name*0" make Python raise (None and int do not sort); here the
 * unnumbered one sorts first.
 */
#include "mail/content-type.h"

#include <string.h>

/* ---- Python string helpers on raw header bytes ---- */

/* str.isspace() for what a raw header value can hold: 8-bit bytes are
 * surrogate escapes in Python, never spaces. */

static gboolean raw_isspace(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static void strip_raw(const char **s, gsize *len)
{
	while (*len > 0 && raw_isspace(**s))
		(*s)++, (*len)--;
	while (*len > 0 && raw_isspace((*s)[*len - 1]))
		(*len)--;
}

/* email.utils.unquote() */
static GString *py_unquote(const char *s, gsize len)
{
	if (len > 1 && s[0] == '"' && s[len - 1] == '"') {
		GString *tmp = g_string_new_len(s + 1, len - 2);
		/* two whole-string passes, as str.replace() twice */
		g_string_replace(tmp, "\\\\", "\\", 0);
		g_string_replace(tmp, "\\\"", "\"", 0);
		return tmp;
	}
	if (len > 1 && s[0] == '<' && s[len - 1] == '>')
		return g_string_new_len(s + 1, len - 2);
	return g_string_new_len(s, len);
}

/* ---- Message.get_param() ---- */

struct param {
	GString *name;
	GString *value;
	/* RFC 2231 segment: num (-1 = none), percent-encoded */
	gint64 num;
	gboolean encoded;
};

static void param_free(gpointer data)
{
	struct param *p = data;

	g_string_free(p->name, TRUE);
	g_string_free(p->value, TRUE);
	g_free(p);
}

/* ^(\w+)\*((\d+)\*?)?$ with re.ASCII; fills base name length and num. */
static gboolean rfc2231_name(const GString *name, gsize *base_len, gint64 *num)
{
	gsize i = 0, n = name->len;
	const char *s = name->str;

	while (i < n && (g_ascii_isalnum(s[i]) || s[i] == '_'))
		i++;
	if (i == 0 || i >= n || s[i] != '*')
		return FALSE;
	*base_len = i;
	*num = -1;
	if (++i == n)
		return TRUE;
	if (!g_ascii_isdigit(s[i]))
		return FALSE;
	*num = 0;
	while (i < n && g_ascii_isdigit(s[i])) {
		*num = MIN(*num * 10 + (s[i] - '0'), G_MAXINT32);
		i++;
	}
	if (i < n && s[i] == '*')
		i++;
	return i == n;
}

/*
 * _parseparam() and _get_params_preserve(): the header value split at
 * ';' outside quoted strings, names lower-cased, values stripped.
 */
static GPtrArray *parse_params(const char *v, gsize len)
{
	GPtrArray *params = g_ptr_array_new_with_free_func(param_free);
	gsize start = 0;

	for (;;) {
		gsize end = start, quotes = 0, escaped = 0;
		const char *f, *eq;
		gsize flen;
		struct param *p;

		/* the first ';' with an even count of '"' not preceded
		 * by '\' before it (an empty segment never extends) */
		for (;;) {
			while (end < len && v[end] != ';') {
				if (v[end] == '"') {
					quotes++;
					if (end > start && v[end - 1] == '\\')
						escaped++;
				}
				end++;
			}
			if (end >= len || end == start ||
			    (quotes - escaped) % 2 == 0)
				break;
			end++;
		}
		f = v + start;
		flen = end - start;
		p = g_new0(struct param, 1);
		eq = memchr(f, '=', flen);
		if (eq) {
			const char *n = f, *val = eq + 1;
			gsize nlen = eq - f, vlen = f + flen - val;
			strip_raw(&n, &nlen);
			strip_raw(&val, &vlen);
			p->name = g_string_new_len(n, nlen);
			g_string_ascii_down(p->name);
			p->value = g_string_new_len(val, vlen);
		} else {
			strip_raw(&f, &flen);
			p->name = g_string_new_len(f, flen);
			p->value = g_string_new(NULL);
		}
		g_ptr_array_add(params, p);
		if (end >= len)
			break;
		start = end + 1;
	}
	return params;
}

/* urllib.parse.unquote(s, encoding="latin-1"), as bytes. */
static void percent_decode(GString *s)
{
	gsize o = 0;

	for (gsize i = 0; i < s->len; i++) {
		if (s->str[i] == '%' && i + 2 < s->len &&
		    g_ascii_isxdigit(s->str[i + 1]) &&
		    g_ascii_isxdigit(s->str[i + 2])) {
			s->str[o++] = g_ascii_xdigit_value(s->str[i + 1]) << 4 |
				      g_ascii_xdigit_value(s->str[i + 2]);
			i += 2;
		} else {
			s->str[o++] = s->str[i];
		}
	}
	g_string_truncate(s, o);
}

static int compare_segments(gconstpointer a, gconstpointer b)
{
	const struct param *x = *(struct param *const *)a;
	const struct param *y = *(struct param *const *)b;
	int c;

	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	c = strcmp(x->value->str, y->value->str);
	return c ? c : x->encoded - y->encoded;
}

/*
 * Message.get_param(want) on the header value v: the first parameter of
 * that name in Python's order (plain ones, then RFC 2231 ones), unquoted;
 * NULL when absent. *is_2231 tells whether the value came from RFC 2231
 * segments with an encoded one (Python then returns a tuple, which its
 * callers treat a little differently).
 */
static GString *py_get_param(const char *v, gsize len, const char *want,
			     gboolean *is_2231)
{
	g_autoptr(GPtrArray) params = parse_params(v, len);
	g_autoptr(GPtrArray) segments = g_ptr_array_new();
	gsize want_len = strlen(want);
	gboolean extended = FALSE;
	GString *joined;

	*is_2231 = FALSE;
	for (guint i = 0; i < params->len; i++) {
		struct param *p = params->pdata[i];
		gsize base_len;
		gint64 num;

		if (i == 0) {
			/* the content type itself: kept as is, but
			 * get_param() still looks at it */
			if (p->name->len == want_len &&
			    g_ascii_strncasecmp(p->name->str, want, want_len) ==
				    0)
				return py_unquote(p->value->str, p->value->len);
			continue;
		}
		if (rfc2231_name(p->name, &base_len, &num)) {
			if (base_len == want_len &&
			    g_ascii_strncasecmp(p->name->str, want, want_len) ==
				    0) {
				GString *u = py_unquote(p->value->str,
							p->value->len);
				p->encoded =
					p->name->str[p->name->len - 1] == '*';
				p->num = num;
				g_string_free(p->value, TRUE);
				p->value = u;
				g_ptr_array_add(segments, p);
			}
			continue;
		}
		if (p->name->len == want_len &&
		    g_ascii_strncasecmp(p->name->str, want, want_len) == 0)
			return py_unquote(p->value->str, p->value->len);
	}
	if (segments->len == 0)
		return NULL;

	/* decode_params(): segments in order, %-decoding encoded ones; a
	 * charset'language' prefix when any was encoded */
	g_ptr_array_sort(segments, compare_segments);
	joined = g_string_new(NULL);
	for (guint i = 0; i < segments->len; i++) {
		struct param *p = segments->pdata[i];
		if (p->encoded) {
			percent_decode(p->value);
			extended = TRUE;
		}
		g_string_append_len(joined, p->value->str, p->value->len);
	}
	if (extended) {
		const char *t1 = memchr(joined->str, '\'', joined->len);
		const char *t2 =
			t1 ? memchr(t1 + 1, '\'',
				    joined->str + joined->len - (t1 + 1))
			   : NULL;
		if (t2)
			g_string_erase(joined, 0, t2 + 1 - joined->str);
	}
	*is_2231 = extended;
	return joined;
}

/* ---- content types ---- */

void ctype_init(struct ctype *ct, const char *v, gsize len, gboolean present,
		const char *fallback)
{
	const char *semi;
	gsize n = 0;

	if (!present) {
		ct->type = g_string_new(fallback);
	} else {
		/* _splitparam(value)[0].lower() */
		semi = memchr(v, ';', len);
		if (semi)
			len = semi - v;
		strip_raw(&v, &len);
		ct->type = g_string_new_len(v, len);
		g_string_ascii_down(ct->type);
		for (gsize i = 0; i < ct->type->len; i++)
			n += ct->type->str[i] == '/';
		/* RFC 2045: an invalid type means text/plain */
		if (n != 1)
			g_string_assign(ct->type, "text/plain");
	}
	ct->slash = (const char *)memchr(ct->type->str, '/', ct->type->len) -
		    ct->type->str;
}

void ctype_clear(struct ctype *ct)
{
	g_string_free(ct->type, TRUE);
}

gboolean ctype_main_is(const struct ctype *ct, const char *main)
{
	return strlen(main) == ct->slash &&
	       memcmp(ct->type->str, main, ct->slash) == 0;
}

gboolean ctype_sub_is(const struct ctype *ct, const char *sub)
{
	gsize n = ct->type->len - ct->slash - 1;

	return strlen(sub) == n &&
	       memcmp(ct->type->str + ct->slash + 1, sub, n) == 0;
}

GString *content_charset(const char *v, gsize len)
{
	gboolean is_2231;
	GString *cs = py_get_param(v, len, "charset", &is_2231);

	if (!cs)
		return NULL;
	for (gsize i = 0; i < cs->len; i++) {
		if ((guchar)cs->str[i] >= 0x80) {
			g_string_free(cs, TRUE);
			return NULL;
		}
	}
	g_string_ascii_down(cs);
	return cs;
}

GString *content_boundary(const char *v, gsize len)
{
	gboolean is_2231;
	GString *b = py_get_param(v, len, "boundary", &is_2231);
	const char *s;
	gsize n;

	if (!b)
		return NULL;
	if (!is_2231) {
		/* collapse_rfc2231_value() unquotes a second time */
		GString *u = py_unquote(b->str, b->len);
		g_string_free(b, TRUE);
		b = u;
	}
	/* "boundaries may begin but not end in w/s": rstrip() */
	s = b->str;
	n = b->len;
	while (n > 0 && raw_isspace(s[n - 1]))
		n--;
	g_string_truncate(b, n);
	return b;
}
