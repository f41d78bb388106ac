/*
 * Header.encode() of Python 3.11's email.header with its _ValueFormatter
 * (ingest.md A.4): chunks re-encoded as RFC 2047 words and folded at 78
 * columns, as Patchwork stores the `headers` field and as the email
 * package writes the headers of a generated message.
 */
#include "mail/header-private.h"

#include <string.h>

#define CHROME_LEN 7 /* "=?" "?q?" "?=" around an encoded word */

/* One (fws, text) pair of the current line. The strings point into the
 * chunk being encoded, into fmt.store, or at constants. */
struct part {
	const char *fws;
	gsize fws_len;
	const char *text;
	gsize text_len;
};

/* email.header._ValueFormatter with its _Accumulator. All strings in it
 * are ASCII, so lengths in bytes are lengths in characters. */
struct fmt {
	GStringChunk *store; /* encoded words, created on first use */
	GArray *cur;	     /* struct part: the current line */
	gsize cur_len;	     /* len(_current_line): initial + parts */
	gsize initial;	     /* _initial_size: header name, first line only */
	GString *out;	     /* caller's prefix, then lines joined by "\n" */
	gsize nlines;
	char cont;	 /* continuation_ws of encoded lines: '\t' or ' ' */
	gboolean raised; /* an uncaught Python exception */
};

static void fmt_init(struct fmt *f, GString *out, gsize headerlen, char cont)
{
	f->store = NULL;
	f->cont = cont;
	f->cur = g_array_sized_new(FALSE, FALSE, sizeof(struct part), 32);
	f->cur_len = headerlen;
	f->initial = headerlen;
	f->out = out;
	f->nlines = 0;
	f->raised = FALSE;
}

static void fmt_clear(struct fmt *f)
{
	if (f->store)
		g_string_chunk_free(f->store);
	g_array_free(f->cur, TRUE);
}

static void fmt_push(struct fmt *f, const struct part *p)
{
	g_array_append_vals(f->cur, p, 1);
	f->cur_len += p->fws_len + p->text_len;
}

static struct part *fmt_part(struct fmt *f, guint i)
{
	return &g_array_index(f->cur, struct part, i);
}

/* The (' ', '') part add_transition() pushes, compared by value. */
static gboolean part_is_transition(const struct part *p)
{
	return p->fws_len == 1 && p->fws[0] == ' ' && p->text_len == 0;
}

static void out_parts(struct fmt *f, guint from, guint to)
{
	for (guint i = from; i < to; i++) {
		struct part *p = fmt_part(f, i);
		g_string_append_len(f->out, p->fws, p->fws_len);
		g_string_append_len(f->out, p->text, p->text_len);
	}
}

static void out_begin_line(struct fmt *f)
{
	if (f->nlines++)
		g_string_append_c(f->out, '\n');
}

static void fmt_reset(struct fmt *f)
{
	g_array_set_size(f->cur, 0);
	f->cur_len = 0;
	f->initial = 0;
}

static gboolean span_isspace(const char *s, gsize n)
{
	for (gsize i = 0; i < n; i++)
		if (!ascii_space(s[i]))
			return FALSE;
	return TRUE;
}

static gboolean fmt_is_onlyws(struct fmt *f)
{
	if (f->initial)
		return FALSE;
	for (guint i = 0; i < f->cur->len; i++) {
		struct part *p = fmt_part(f, i);
		if (!span_isspace(p->fws, p->fws_len) ||
		    !span_isspace(p->text, p->text_len))
			return FALSE;
	}
	return TRUE;
}

/* _ValueFormatter.newline() */
static void fmt_newline(struct fmt *f)
{
	if (f->cur->len && part_is_transition(fmt_part(f, f->cur->len - 1))) {
		f->cur_len -= 1;
		g_array_set_size(f->cur, f->cur->len - 1);
	}
	if (f->cur_len > 0) {
		/* a whitespace-only line extends the previous line */
		if (!(fmt_is_onlyws(f) && f->nlines > 0))
			out_begin_line(f);
		out_parts(f, 0, f->cur->len);
	}
	fmt_reset(f);
}

static void fmt_add_transition(struct fmt *f)
{
	struct part p = {" ", 1, "", 0};
	fmt_push(f, &p);
}

/* _ValueFormatter._append_chunk(): add a part; if the line got too long,
 * fold before the last part preceded by ';', then ',', then a space or
 * tab; with no such point, a first line keeps only the header name. */
static void fmt_append(struct fmt *f, const struct part *p)
{
	static const char splitchars[] = ";, \t";
	struct part last;

	fmt_push(f, p);
	if (f->cur_len <= MAXLINELEN)
		return;
	for (const char *ch = splitchars; *ch; ch++) {
		for (guint i = f->cur->len - 1; i >= 1; i--) {
			struct part *pi = fmt_part(f, i), *pp = pi - 1;
			if (!((*ch == ' ' || *ch == '\t') && pi->fws_len &&
			      pi->fws[0] == *ch) &&
			    !(pp->text_len &&
			      pp->text[pp->text_len - 1] == *ch))
				continue;
			out_begin_line(f);
			out_parts(f, 0, i);
			g_array_remove_range(f->cur, 0, i);
			f->initial = 0;
			f->cur_len = 0;
			for (guint k = 0; k < f->cur->len; k++)
				f->cur_len += fmt_part(f, k)->fws_len +
					      fmt_part(f, k)->text_len;
			return;
		}
	}
	last = *fmt_part(f, f->cur->len - 1);
	g_array_set_size(f->cur, f->cur->len - 1);
	f->cur_len -= last.fws_len + last.text_len;
	if (f->initial > 0) {
		fmt_newline(f);
		if (!last.fws_len) {
			/* after a header name always a space */
			last.fws = " ";
			last.fws_len = 1;
		}
	}
	fmt_push(f, &last);
}

/* _ascii_split(): the line as (whitespace, word) pairs, split on runs of
 * SP/HTAB; the first word gets "" unless the line starts blank. */
static void fmt_feed_ascii(struct fmt *f, const char *s, gsize n)
{
	gsize i = 0;

	if (n == 0)
		return;
	do {
		struct part p;
		p.fws = s + i;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		p.fws_len = s + i - p.fws;
		p.text = s + i;
		while (i < n && s[i] != ' ' && s[i] != '\t')
			i++;
		p.text_len = s + i - p.text;
		fmt_append(f, &p);
	} while (i < n);
}

/* Bytes the Q encoding writes as themselves (space becomes '_'). */
static gboolean q_safe(guint8 b)
{
	return g_ascii_isalnum(b) || b == '-' || b == '!' || b == '*' ||
	       b == '+' || b == '/';
}

/* quoprimime.header_length() */
static gsize q_len(const guint8 *b, gsize n)
{
	gsize len = 0;

	for (gsize i = 0; i < n; i++)
		len += (q_safe(b[i]) || b[i] == ' ') ? 1 : 3;
	return len;
}

/* base64mime.header_length() */
static gsize b_len(gsize nbytes)
{
	return (nbytes / 3) * 4 + (nbytes % 3 ? 4 : 0);
}

/* One RFC 2047 word, as the header_encode() of base64mime/quoprimime
 * writes it; nothing for no bytes. */
static void encoded_word(GString *out, const char *label, gboolean b64,
			 const guint8 *b, gsize n)
{
	if (n == 0)
		return;
	g_string_append_printf(out, "=?%s?%c?", label, b64 ? 'b' : 'q');
	if (b64) {
		g_autofree char *e = g_base64_encode(b, n);
		g_string_append(out, e);
	} else {
		for (gsize i = 0; i < n; i++) {
			if (b[i] == ' ')
				g_string_append_c(out, '_');
			else if (q_safe(b[i]))
				g_string_append_c(out, b[i]);
			else
				g_string_append_printf(out, "=%02X", b[i]);
		}
	}
	g_string_append(out, "?=");
}

/* The encoded word for u[from..to) in the chunk's output codec. */
static char *piece(struct fmt *f, const struct charset *cs, gboolean b64,
		   const gunichar *u, gsize from, gsize to)
{
	g_autoptr(GByteArray) b = g_byte_array_new();
	g_autoptr(GString) w = g_string_new(NULL);

	/* cannot fail: the whole text encoded in chunk_init() */
	codec_encode(&cs->out, u + from, to - from, b);
	encoded_word(w, cs->label, b64, b->data, b->len);
	if (!f->store)
		f->store = g_string_chunk_new(256);
	return g_string_chunk_insert_len(f->store, w->str, w->len);
}

/* Encoded length of u[from..to) measured the Python way. */
static gboolean measure(const struct codec *c, const gunichar *u, gsize from,
			gsize to, gboolean b64, gsize *len)
{
	g_autoptr(GByteArray) b = g_byte_array_new();

	if (!codec_encode(c, u + from, to - from, b))
		return FALSE;
	*len = b64 ? b_len(b->len) : q_len(b->data, b->len);
	return TRUE;
}

/*
 * _ValueFormatter.feed() for a charset with a header encoding, i.e.
 * Charset.header_encode_lines(): grow each encoded word one character at a
 * time until its encoded form exceeds the room left (first: what is left
 * of the current line; then a whole continuation line), B or Q chosen
 * once for the whole text.
 */
static void fmt_feed_encoded(struct fmt *f, const struct charset *cs,
			     const char *fws, gsize fws_len, const gunichar *u,
			     gsize n)
{
	g_autoptr(GByteArray) all = g_byte_array_new();
	g_autoptr(GPtrArray) pieces = g_ptr_array_new();
	gboolean b64;
	gssize extra = (gssize)strlen(cs->output) + CHROME_LEN;
	gssize maxlen = (gssize)MAXLINELEN - (gssize)f->cur_len - extra;
	gsize start = 0, nbytes = 0, qlen = 0;
	gboolean simple = codec_is_simple(cs->measure.kind) &&
			  cs->measure.kind == cs->out.kind;
	struct part p;

	if (!codec_encode(&cs->out, u, n, all)) {
		f->raised = TRUE;
		return;
	}
	if (cs->henc == HENC_BASE64)
		b64 = TRUE;
	else if (cs->henc == HENC_QP)
		b64 = FALSE;
	else
		b64 = b_len(all->len) < q_len(all->data, all->len);

	for (gsize i = 0; i < n; i++) {
		gsize len;
		if (simple) {
			guint8 b[6];
			gsize k = encode_simple(cs->measure.kind, u[i], b);
			if (i == start)
				nbytes = qlen = 0;
			nbytes += k;
			qlen += q_len(b, k);
			len = b64 ? b_len(nbytes) : qlen;
		} else if (!measure(&cs->measure, u, start, i + 1, b64, &len)) {
			/* the codec "" of "=??q?x?=": LookupError */
			f->raised = TRUE;
			return;
		}
		if ((gssize)len <= maxlen)
			continue;
		if (pieces->len == 0 && start == i)
			g_ptr_array_add(pieces, NULL); /* nothing fits */
		else
			g_ptr_array_add(pieces, piece(f, cs, b64, u, start, i));
		start = i;
		maxlen = (gssize)MAXLINELEN - 1 - extra;
		if (simple) {
			guint8 b[6];
			gsize k = encode_simple(cs->measure.kind, u[i], b);
			nbytes = k;
			qlen = q_len(b, k);
		}
	}
	g_ptr_array_add(pieces, piece(f, cs, b64, u, start, n));

	if (pieces->pdata[0]) {
		p = (struct part){fws, fws_len, pieces->pdata[0],
				  strlen(pieces->pdata[0])};
		fmt_append(f, &p);
	}
	if (pieces->len == 1)
		return;
	fmt_newline(f);
	p = (struct part){&f->cont, 1, pieces->pdata[pieces->len - 1],
			  strlen(pieces->pdata[pieces->len - 1])};
	fmt_push(f, &p);
	for (guint i = 1; i + 1 < pieces->len; i++) {
		out_begin_line(f);
		g_string_append_c(f->out, f->cont);
		g_string_append(f->out, pieces->pdata[i]);
	}
}

/* Python's _embedded_header regex, r'\n[^ \t]+:', in one pass: a ':'
 * matches when its run of non-blank characters holds a "\n" at least two
 * characters before it. */
static gboolean has_embedded_header(const char *s, gsize n)
{
	gsize nl = G_MAXSIZE; /* first "\n" of the current run */

	for (gsize i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t')
			nl = G_MAXSIZE;
		else if (c == '\n' && nl == G_MAXSIZE)
			nl = i;
		else if (c == ':' && nl != G_MAXSIZE && i >= nl + 2)
			return TRUE;
	}
	return FALSE;
}

enum header_status header_encode(const struct text_view *t, guint nt,
				 gsize headerlen, char cont, GString *out)
{
	struct fmt f;
	gboolean lastspace = FALSE, lastascii = TRUE;
	gsize start = out->len;
	enum header_status st = HEADER_OK;

	fmt_init(&f, out, headerlen, cont);
	for (guint k = 0; k < nt && !f.raised; k++) {
		const struct text_view *c = &t[k];
		gsize n = c->n, pos = 0, ls, le, nlines = 0;

		if (k > 0) {
			gboolean hasspace = n && nonctext(view_char(c, 0));
			if (!lastascii) {
				if (!hasspace || !c->ascii)
					fmt_add_transition(&f);
			} else if (!c->ascii && !lastspace) {
				fmt_add_transition(&f);
			}
		}
		lastspace = n && nonctext(view_char(c, n - 1));
		lastascii = c->ascii;

		for (;;) {
			gboolean more =
				c->ascii ? next_line_b(c->a, n, &pos, &ls, &le)
					 : next_line_u(c->u, n, &pos, &ls, &le);
			if (!more)
				break;
			if (nlines++ > 0)
				fmt_newline(&f);
			if (c->ascii) {
				/* feed(fws, rest) splits fws + rest, which
				 * is the whole line */
				fmt_feed_ascii(&f, c->a + ls, le - ls);
			} else if (nlines == 1) {
				fmt_feed_encoded(&f, c->cs, "", 0, c->u + ls,
						 le - ls);
			} else {
				/* ' ' + line.lstrip() after continuation_ws */
				g_autofree gunichar *l =
					g_new(gunichar, le - ls + 1);
				gsize m = 0;
				while (ls < le && py_isspace(c->u[ls]))
					ls++;
				l[m++] = ' ';
				while (ls < le)
					l[m++] = c->u[ls++];
				fmt_feed_encoded(&f, c->cs, &f.cont, 1, l, m);
			}
			if (f.raised)
				break;
		}
		if (nlines == 0 && !c->ascii)
			fmt_feed_encoded(&f, c->cs, "", 0, NULL, 0);
		else if (nlines > 1)
			fmt_newline(&f);
	}
	if (f.raised) {
		st = HEADER_ERROR;
	} else {
		if (nt)
			fmt_add_transition(&f);
		fmt_newline(&f);
		if (has_embedded_header(out->str + start, out->len - start))
			st = HEADER_NONE;
	}
	fmt_clear(&f);
	return st;
}
