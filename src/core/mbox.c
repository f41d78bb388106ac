/*
 * Building mbox messages as Patchwork's _submission_to_mbox() does, which
 * fills a Python email.message (compat32) and flattens it with
 * as_bytes(unixfrom=True): the body is assembled from content, reply tags
 * and diff; the headers are Patchwork's own, then the stored ones re-folded
 * by the email package (mail/header.h: header_fold_line()).
 */
#include "core/mbox.h"

#include "mail/address.h"
#include "mail/header.h"
#include "mail/message.h"
#include "mail/pystr.h"
#include "util/civil.h"

static const char day_names[7][4] = {"Mon", "Tue", "Wed", "Thu",
				     "Fri", "Sat", "Sun"};
static const char month_names[12][4] = {"Jan", "Feb", "Mar", "Apr",
					"May", "Jun", "Jul", "Aug",
					"Sep", "Oct", "Nov", "Dec"};

/* A UTC time split into calendar fields (microseconds truncated). */
struct civil {
	gint64 year;
	int month, day, wday, hour, min, sec; /* month 1..12, wday 0 = Mon */
};

/* The calendar fields of `us` microseconds after 1970-01-01, floored. */
static void civil_from_us(gint64 us, struct civil *c)
{
	gint64 secs = us >= 0 ? us / G_USEC_PER_SEC
			      : -((-us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
	gint64 days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	gint64 rem = secs - days * 86400;
	civil_from_days(days, &c->year, &c->month, &c->day);
	/* 1970-01-01 was a Thursday (3) */
	c->wday = (int)(((days % 7) + 7 + 3) % 7);
	c->hour = (int)(rem / 3600);
	c->min = (int)(rem / 60 % 60);
	c->sec = (int)(rem % 60);
}

/* datetime.ctime(): "Thu Sep  1 02:03:04 2016". */
static void append_ctime(GString *out, gint64 us)
{
	struct civil c;
	civil_from_us(us, &c);
	g_string_append_printf(out,
			       "%s %s %2d %02d:%02d:%02d %04" G_GINT64_FORMAT,
			       day_names[c.wday], month_names[c.month - 1],
			       c.day, c.hour, c.min, c.sec, c.year);
}

/* email.utils.formatdate(): "Sun, 11 Sep 2016 22:22:03 -0000". */
static void append_rfc2822(GString *out, gint64 us)
{
	struct civil c;
	civil_from_us(us, &c);
	g_string_append_printf(
		out, "%s, %02d %s %04" G_GINT64_FORMAT " %02d:%02d:%02d -0000",
		day_names[c.wday], c.day, month_names[c.month - 1], c.year,
		c.hour, c.min, c.sec);
}

/* quoprimime's header map: letters, digits and -!*+/ stay as they are. */
static gboolean q_safe(guchar b)
{
	return g_ascii_isalnum(b) || strchr("-!*+/", b);
}

/* Q-encoded length of a byte (quoprimime.header_length()). */
static gsize q_len(guchar b)
{
	return (q_safe(b) || b == ' ') ? 1 : 3;
}

void mbox_encoded_word(GString *out, const char *text)
{
	gsize n = strlen(text), qlen = 0;

	for (gsize i = 0; i < n; i++)
		qlen += q_len(text[i]);
	if ((n + 2) / 3 * 4 < qlen) {
		g_autofree char *b64 = g_base64_encode((const guchar *)text, n);
		g_string_append_printf(out, "=?utf-8?b?%s?=", b64);
		return;
	}
	g_string_append(out, "=?utf-8?q?");
	for (gsize i = 0; i < n; i++) {
		guchar b = text[i];
		if (b == ' ')
			g_string_append_c(out, '_');
		else if (q_safe(b))
			g_string_append_c(out, b);
		else
			g_string_append_printf(out, "=%02X", b);
	}
	g_string_append(out, "?=");
}

/*
 * email.utils.formataddr((name, email)) as Patchwork calls it for
 * X-Patchwork-Submitter: an ASCII name as it is (quoted, with \ and "
 * escaped, when it holds a special character), any other name as one
 * encoded word.
 */
static void append_address(GString *out, const char *name, const char *email)
{
	gboolean ascii = TRUE, special = FALSE;

	if (!name || !*name) {
		g_string_append(out, email);
		return;
	}
	for (const char *p = name; *p; p++) {
		ascii = ascii && (guchar)*p < 0x80;
		special = special || strchr("()<>@,:;\".[]\\", *p);
	}
	if (!ascii) {
		mbox_encoded_word(out, name);
	} else if (special) {
		g_string_append_c(out, '"');
		for (const char *p = name; *p; p++) {
			if (*p == '\\' || *p == '"')
				g_string_append_c(out, '\\');
			g_string_append_c(out, *p);
		}
		g_string_append_c(out, '"');
	} else {
		g_string_append(out, name);
	}
	g_string_append_printf(out, " <%s>", email);
}

/* The next code point of [p, end) and where the following one starts;
 * (gunichar)-1 for a byte that does not start a valid character. */
static gunichar next_char(const char *p, const char *end, const char **next)
{
	gunichar c = g_utf8_get_char_validated(p, end - p);
	if (c >= 0x110000) {
		*next = p + 1;
		return (gunichar)-1;
	}
	*next = g_utf8_next_char(p);
	return c;
}

/* Python re IGNORECASE equality of a text character with an ASCII
 * lower-case pattern letter: besides ASCII case, U+0130 and U+212A lower
 * to 'i' and 'k', and sre treats U+0131 as 'i' and U+017F as 's'. */
static gboolean same_letter(gunichar c, char lower)
{
	if (c < 0x80)
		return (char)g_ascii_tolower((gchar)c) == lower;
	switch (lower) {
	case 'i':
		return c == 0x130 || c == 0x131;
	case 'k':
		return c == 0x212a;
	case 's':
		return c == 0x17f;
	default:
		return FALSE;
	}
}

/* Matches the lower-case ASCII word at p; on success *after is past it. */
static gboolean match_word(const char *p, const char *end, const char *word,
			   const char **after)
{
	for (; *word; word++) {
		if (p >= end)
			return FALSE;
		gunichar c = (guchar)*p < 0x80 ? (guchar)*p++
					       : next_char(p, end, &p);
		if (!same_letter(c, *word))
			return FALSE;
	}
	*after = p;
	return TRUE;
}

/* ^(Tested|Reviewed|Acked|Signed-off|Nacked|Reported)-by: at p. */
static gboolean is_tag_line(const char *p, const char *end)
{
	static const char *const tags[] = {"tested", "reviewed",
					   "acked",  "signed-off",
					   "nacked", "reported"};
	/* most lines start with none of the tags' first letters (ſ and
	 * the like are not ASCII) */
	if (p < end && (guchar)*p < 0x80 && !strchr("TtRrAaSsNn", *p))
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(tags); i++) {
		const char *rest;
		if (match_word(p, end, tags[i], &rest) &&
		    match_word(rest, end, "-by:", &rest))
			return TRUE;
	}
	return FALSE;
}

/* Comment.patch_responses: every line of a reply matching the tag regex
 * (with re.M, so `.*$` stops at "\n" only), each followed by "\n". */
static void append_tags(GString *body, const char *text)
{
	const char *p = text, *end = text + strlen(text);

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *eol = nl ? nl : end;
		if (is_tag_line(p, eol)) {
			g_string_append_len(body, p, eol - p);
			g_string_append_c(body, '\n');
		}
		p = nl ? nl + 1 : end;
	}
}

/* A line that is exactly "--", "---", "-- " or "--- ". */
static gboolean is_separator(const char *p, gsize n)
{
	switch (n) {
	case 2:
		return memcmp(p, "--", 2) == 0;
	case 3:
		return memcmp(p, "---", 3) == 0 || memcmp(p, "-- ", 3) == 0;
	case 4:
		return memcmp(p, "--- ", 4) == 0;
	default:
		return FALSE;
	}
}

/* The first separator line of [s, end) (re `^-{2,3} ?$`, MULTILINE):
 * its start and the position of the line break (or end) after it. */
static gboolean find_postscript(const char *s, const char *end,
				const char **line, const char **eol)
{
	for (const char *p = s; p < end;) {
		const char *nl = memchr(p, '\n', end - p);
		const char *e = nl ? nl : end;
		if (is_separator(p, e - p)) {
			*line = p;
			*eol = e;
			return TRUE;
		}
		p = nl ? nl + 1 : end;
	}
	return FALSE;
}

/*
 * The body (§1.1 steps 1-5): the stripped content up to a "---" line,
 * the tags of the replies, "---" and the rest of the content, then a
 * blank line and the diff of a patch.
 */
static void build_body(GString *body, const struct db_mbox *m)
{
	const char *content = m->content ? m->content : "";
	const char *start, *end, *ps = NULL, *ps_end = NULL;
	const char *line, *eol;

	py_strip_span(content, content + strlen(content), &start, &end);
	if (start < end) {
		/* body := strip(content) + "\n"; the separator is searched
		 * in that, so it may be the stripped text's last line */
		if (find_postscript(start, end, &line, &eol)) {
			/* the text after the separator, rstripped: the
			 * stripped content ends in non-space already */
			ps = eol;
			ps_end = end;
			py_strip_span(start, line, &start, &end);
		}
		g_string_append_len(body, start, end - start);
		g_string_append_c(body, '\n');
	}
	for (guint i = 0; m->comments && i < m->comments->len; i++)
		append_tags(body, m->comments->pdata[i]);
	if (ps < ps_end) {
		g_string_append(body, "---");
		g_string_append_len(body, ps, ps_end - ps);
		g_string_append_c(body, '\n');
	}
	if (m->is_patch && m->diff && *m->diff) {
		g_string_append_c(body, '\n');
		g_string_append(body, m->diff);
	}
}

static gboolean is_ascii(const char *s, gsize n)
{
	guchar acc = 0;

	/* no early exit: the compiler vectorises this */
	for (gsize i = 0; i < n; i++)
		acc |= (guchar)s[i];
	return acc < 0x80;
}

static void append_header(GString *out, const char *name, const char *value,
			  gsize len)
{
	header_fold_line(out, name, strlen(name), value, len);
	g_string_append_c(out, '\n');
}

static gboolean name_is(const struct mail_header *h, const char *name)
{
	return h->name_len == strlen(name) &&
	       memcmp(h->name, name, h->name_len) == 0;
}

/* The stored From names the list itself (DMARC munging): then git am
 * must see the submitter as the author. */
static gboolean from_is_list(const struct mail_header *h, const char *list)
{
	g_autofree char *value = g_strndup(h->value, h->value_len);
	g_autofree char *name = NULL, *email = NULL;

	address_split(value, &name, &email);
	return email && list && strcmp(email, list) == 0;
}

/* The stored headers (§1.1 header 7) and the Date fallback (8). */
static void append_stored_headers(GString *out, const struct db_mbox *m,
				  const char *submitter)
{
	const char *headers = m->headers ? m->headers : "";
	struct mail parsed;
	gboolean date = FALSE;

	mail_init(&parsed, headers, strlen(headers));
	for (guint i = 0; i < parsed.headers->len; i++) {
		const struct mail_header *h =
			&g_array_index(parsed.headers, struct mail_header, i);

		/* Patchwork sets these itself; the comparison is
		 * case-sensitive, so "Content-type" is kept. */
		if (name_is(h, "Content-Type") ||
		    name_is(h, "Content-Transfer-Encoding"))
			continue;
		if (h->name_len == 4 &&
		    g_ascii_strncasecmp(h->name, "Date", 4) == 0)
			date = TRUE;
		if (name_is(h, "From") && from_is_list(h, m->listemail)) {
			append_header(out, "X-Patchwork-Original-From",
				      h->value, h->value_len);
			append_header(out, "From", submitter,
				      strlen(submitter));
			continue;
		}
		header_fold_line(out, h->name, h->name_len, h->value,
				 h->value_len);
		g_string_append_c(out, '\n');
	}
	mail_clear(&parsed);
	if (!date) {
		g_string_append(out, "Date: ");
		append_rfc2822(out, m->date);
		g_string_append_c(out, '\n');
	}
}

/* Turns "\r\n" and a lone "\r" into "\n" in out from `from` on, as the
 * email generator's _write_lines() does; in place, as the text only
 * shrinks. */
static void normalise_lines(GString *out, gsize from)
{
	char *s = out->str + from, *end = out->str + out->len, *w;

	s = memchr(s, '\r', end - s);
	if (!s)
		return;
	for (w = s; s < end; s++) {
		if (*s != '\r') {
			*w++ = *s;
			continue;
		}
		*w++ = '\n';
		if (s + 1 < end && s[1] == '\n')
			s++;
	}
	g_string_truncate(out, w - out->str);
}

void mbox_append(GString *out, const struct db_mbox *m)
{
	g_autoptr(GString) submitter = g_string_sized_new(64);
	gsize cte, body;
	char id[32];

	append_address(submitter, m->submitter_name,
		       m->submitter_email ? m->submitter_email : "");

	g_string_append(out, "From patchwork ");
	append_ctime(out, m->date);
	g_string_append(out, "\nContent-Type: text/plain; charset=\"utf-8\"\n"
			     "MIME-Version: 1.0\n"
			     "Content-Transfer-Encoding: ");
	/* "7bit" until the body, written below, turns out not ASCII */
	cte = out->len;
	g_string_append(out, "7bit\n");
	append_header(out, "X-Patchwork-Submitter", submitter->str,
		      submitter->len);
	g_snprintf(id, sizeof(id), "%" G_GINT64_FORMAT, m->id);
	append_header(out, "X-Patchwork-Id", id, strlen(id));
	if (m->is_patch && m->delegate_email)
		append_header(out, "X-Patchwork-Delegate", m->delegate_email,
			      strlen(m->delegate_email));
	append_stored_headers(out, m, submitter->str);
	g_string_append_c(out, '\n');

	body = out->len;
	build_body(out, m);
	normalise_lines(out, body);
	if (!is_ascii(out->str + body, out->len - body))
		out->str[cte] = '8';
}

void mbox_append_all(GString *out, const GPtrArray *list)
{
	for (guint i = 0; i < list->len; i++) {
		if (i)
			g_string_append_c(out, '\n');
		mbox_append(out, list->pdata[i]);
	}
}

void mbox_filename(GString *out, const char *name)
{
	gsize start = out->len;
	gboolean run = FALSE;

	for (const char *p = name; *p; p++) {
		if (g_ascii_isalnum(*p) || *p == '-' || *p == '_' ||
		    *p == '.') {
			g_string_append_c(out, *p);
			run = FALSE;
		} else if (!run) {
			/* every byte of a multi-byte character is outside
			 * the class too, so bytes give the same runs */
			g_string_append_c(out, '-');
			run = TRUE;
		}
	}
	/* strip('-') */
	gsize a = start, b = out->len;
	while (a < b && out->str[a] == '-')
		a++;
	while (b > a && out->str[b - 1] == '-')
		b--;
	g_string_truncate(out, b);
	g_string_erase(out, start, a - start);
}
