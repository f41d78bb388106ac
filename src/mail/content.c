/*
 * Body extraction (ingest.md §10): walks a mail's MIME parts the way
 * Python's email package (compat32) sees them, decodes each text part as
 * Patchwork's _find_content() does, and runs find_patch_content() or
 * find_comment_content() over the result.
 *
 * Where the structure comes from: the top-level header block is read by
 * message.c (Python's header rules, which GMime does not share: a line
 * without a colon ends Python's header block but not GMime's). A body
 * that is not multipart needs no MIME parser at all; a multipart body is
 * handed to GMime under a one-line synthetic header carrying the boundary
 * Python would use, and GMime finds the parts. Content types, charsets
 * and transfer encodings are always taken from the raw header values and
 * interpreted with Python's rules (first header wins, Python's parameter
 * parsing, in content-type.c), not GMime's.
 *
 * A message/... part that GMime leaves as a leaf (message/partial,
 * message/external-body, a base64 message/rfc822, a digest's untyped
 * parts at the top level) is parsed again from its raw bytes with
 * message.c, exactly as Python does.
 *
 * Known differences from Python, all on broken MIME inside a multipart
 * (a differential run over generated mails found no others):
 * - GMime reads the header blocks of nested parts and of the messages in
 *   message/rfc822 parts with its own rules (a line without a colon stays
 *   in the header block; "Name :" is a header);
 * - GMime ends lines only at "\n" (Python also at a lone "\r");
 * - GMime takes a nested part's structure from its last Content-Type
 *   header and its own parameter parser (Python: the first header);
 * - a nested multipart whose boundary equals an enclosing one, and a part
 *   of a nested multipart/digest with an invalid Content-Type ("text"),
 *   are split differently;
 * - message/delivery-status parts yield nothing here; Python yields one
 *   empty text part per header block, which only adds blank lines to a
 *   comment (bounces are never patches).
 */
/* GObject casts as plain C casts: GMime is reached through gmime-dl.h. */
#define G_DISABLE_CAST_CHECKS
#include "mail/gmime-dl.h"

#include "mail/charset.h"
#include "mail/content-type.h"
#include "mail/content.h"
#include "mail/cte.h"
#include "mail/diff.h"
#include "mail/message.h"
#include "mail/mime-guard.h"
#include "mail/pystr.h"

/*
 * U+0000 in decoded text is carried as the byte 0xff (never part of
 * UTF-8) so the text stays a C string; Patchwork keeps NULs through
 * parse_patch() and strip() and removes them from the final diff and
 * comment, and so does darn with the marker.
 */
#define NUL_MARK '\xff'

GQuark mail_body_error_quark(void)
{
	return g_quark_from_static_string("mail-body-error-quark");
}

struct walk {
	gboolean is_reply;
	/* find_patch_content's patchbuf: NULL = None; "" possible */
	char *patch;
	GString *comment;
	GError *error; /* set once: the mail fails */
	const struct mail_limits *limits;
	guint64 parts;	 /* MIME parts met so far */
	guint64 headers; /* header fields read so far, all blocks */
};

/* What is left of a limit once `used` of it is spent. */
static guint64 room(guint64 limit, guint64 used)
{
	return limit > used ? limit - used : 0;
}

/* Fails the mail when depth is past the limit; deeper parts are never
 * read. (Python reads a few hundred levels, then its recursion limit
 * makes Patchwork fail the mail.) */
static gboolean too_deep(struct walk *w, int depth)
{
	if ((guint)depth <= w->limits->max_mime_depth)
		return FALSE;
	mail_limit_set_error(&w->error, w->limits, MAIL_LIMIT_MIME_DEPTH);
	return TRUE;
}

/* ---- the find_*_content() accumulators ---- */

/* One decoded text part, in walk order. Takes ownership of text. */
static void visit_text(struct walk *w, char *text, const struct ctype *ct)
{
	char *comment = NULL;
	const char *c = text;

	if (w->is_reply) {
		/* find_comment_content(): non-empty plain parts only */
		if (text[0] && ctype_sub_is(ct, "plain")) {
			g_autofree char *s = py_strip(text);
			g_string_append(w->comment, s);
			g_string_append_c(w->comment, '\n');
		}
		g_free(text);
		return;
	}
	if (ctype_sub_is(ct, "x-patch") || ctype_sub_is(ct, "x-diff")) {
		/* an attachment wins over (and replaces) any diff so far,
		 * and is not part of the comment */
		g_free(w->patch);
		w->patch = text;
		return;
	}
	if (!ctype_sub_is(ct, "plain")) {
		g_free(text);
		return;
	}
	if (!w->patch || !w->patch[0]) {
		char *patch;
		diff_parse(text, &patch, &comment);
		g_free(w->patch);
		w->patch = patch;
		c = comment;
	}
	if (c) {
		g_autofree char *s = py_strip(c);
		g_string_append(w->comment, s);
		g_string_append_c(w->comment, '\n');
	}
	g_free(comment);
	g_free(text);
}

static void fail(struct walk *w, const char *charset)
{
	if (!w->error)
		g_set_error(&w->error, MAIL_BODY_ERROR, MAIL_BODY_ERROR_CODEC,
			    "charset '%s' is not a text encoding", charset);
}

/*
 * _find_content() for one text part: payload[0..len) is the part's body
 * as it appears in the mail; ct_value/cte_value are the raw values of its
 * first Content-Type and Content-Transfer-Encoding headers (NULL when
 * absent).
 */
static void decode_part(struct walk *w, const char *payload, gsize len,
			const struct ctype *ct, const char *ct_value,
			gsize ct_len, const char *cte_value, gsize cte_len)
{
	g_autofree char *cte = NULL;
	g_autoptr(GString) charset = NULL;
	g_autoptr(GBytes) bytes = NULL;
	const struct py_codec *codec = NULL;
	const char *data;
	char *text = NULL;
	gsize size, text_len = 0;

	/* str(get('content-transfer-encoding', '')).lower(): not
	 * stripped, so "base64 " is not base64; one with a NUL is no
	 * encoding Python knows either */
	if (!cte_value || memchr(cte_value, '\0', cte_len))
		cte_len = 0;
	cte = g_strndup(cte_value ? cte_value : "", cte_len);
	for (char *p = cte; *p; p++)
		*p = g_ascii_tolower(*p);
	bytes = cte_decode(cte, payload, len);
	data = g_bytes_get_data(bytes, &size);
	if (!data)
		data = "";

	if (ct_value)
		charset = content_charset(ct_value, ct_len);
	if (charset)
		codec = py_codec_lookup(charset->str, charset->len);
	if (codec) {
		switch (py_codec_decode(codec, data, size, &text, &text_len)) {
		case CHARSET_OK:
			break;
		case CHARSET_INVALID:
			return; /* the part is skipped entirely */
		case CHARSET_ERROR:
			fail(w, py_codec_name(codec));
			return;
		}
	} else {
		text = charset_decode_fallback(data, size, &text_len);
	}
	for (char *p = memchr(text, '\0', text_len); p;
	     p = memchr(p, '\0', text + text_len - p))
		*p = NUL_MARK;
	visit_text(w, text, ct);
}

/* ---- the walk ---- */

static void extract_message(struct walk *w, const char *data, gsize len,
			    gboolean in_multipart, int depth);

/* The multipart parser's source: the synthetic header plus the body. */
struct source {
	GMimeStream *stream;
	const char *buf;
	gsize len;
	gsize head_len; /* the synthetic header's: buf + head_len is body */
};

/*
 * A leaf part GMime found, as the walk needs it once GMime's tree and its
 * copy of the body are gone: the walk collects the leaves of one
 * multipart body, frees GMime's structures, then decodes the leaves in
 * order. A message/... leaf is parsed again from its bytes, and holding
 * every enclosing level's copy meanwhile made nested message/partial
 * parts cost depth times the mail (2 GB for a 63 MB mail).
 */
struct leaf {
	/* the payload in the body given to walk_multipart(), as Python
	 * delimits it; [0, 0) for an attached message without a body */
	gsize start, end;
	gboolean empty_message; /* Python: an empty text/plain message */
	/* raw values of the first Content-Type and
	 * Content-Transfer-Encoding headers (copies), NULL when absent */
	char *ct_value, *cte_value;
	gsize ct_len, cte_len;
	gboolean in_multipart, in_digest;
	int depth;
};

static void leaf_clear(gpointer data)
{
	struct leaf *leaf = data;

	g_free(leaf->ct_value);
	g_free(leaf->cte_value);
}

/* A GMime header's raw value as Python stores it: leading SP/HTAB and
 * trailing CR/LF removed. NULL when the object has no such header. */
static const char *object_header(GMimeObject *obj, const char *name, gsize *len)
{
	GMimeHeaderList *list = g_mime_object_get_header_list(obj);
	GMimeHeader *h =
		list ? g_mime_header_list_get_header(list, name) : NULL;
	const char *v = h ? g_mime_header_get_raw_value(h) : NULL;
	gsize n;

	if (!v)
		return NULL;
	while (*v == ' ' || *v == '\t')
		v++;
	n = strlen(v);
	while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	*len = n;
	return v;
}

/*
 * Where the part's text ends in Python's eyes, given where GMime ended
 * its content (be): GMime drops the line break before a boundary line
 * (two bytes when the boundary line ends in CRLF, even if the text used
 * LF), nothing at the end of input. The boundary line starts at be, be+1
 * or be+2; a stripped line break or text byte is never "--" at a line
 * start, so the first candidate that is one is the boundary.
 */
static gsize python_end(const struct source *src, gsize be)
{
	const char *b = src->buf;

	if (be >= src->len)
		return src->len;
	for (gsize c = be; c <= be + 2 && c + 1 < src->len; c++)
		if ((c == 0 || b[c - 1] == '\n') && b[c] == '-' &&
		    b[c + 1] == '-')
			return c;
	return be;
}

/*
 * The line break before a boundary belongs to the boundary: when a
 * multipart's subpart ends, Python's feedparser drops one trailing line
 * break from the payload of the last message it created, which is the
 * subpart itself or, for a message/rfc822 subpart, the innermost message
 * inside it. It does so also when the subpart ended at the end of input
 * (a missing close boundary), where GMime keeps it. Returns the new
 * length of text[0..len).
 */
static gsize drop_eol(const char *text, gsize len)
{
	if (len >= 2 && text[len - 2] == '\r' && text[len - 1] == '\n')
		return len - 2;
	if (len >= 1 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		return len - 1;
	return len;
}

static void collect_leaf(const struct source *src, GMimeObject *obj,
			 gboolean in_multipart, gboolean in_digest, int depth,
			 GArray *leaves)
{
	GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(obj));
	GMimeStream *stream =
		content ? g_mime_data_wrapper_get_stream(content) : NULL;
	const char *ct_value, *cte_value;
	struct leaf leaf = {
		.in_multipart = in_multipart,
		.in_digest = in_digest,
		.depth = depth,
	};
	gsize start = src->head_len, end = src->head_len;

	ct_value = object_header(obj, "Content-Type", &leaf.ct_len);
	cte_value =
		object_header(obj, "Content-Transfer-Encoding", &leaf.cte_len);
	leaf.ct_value = ct_value ? g_memdup2(ct_value, leaf.ct_len) : NULL;
	leaf.cte_value = cte_value ? g_memdup2(cte_value, leaf.cte_len) : NULL;

	/* GMime keeps a part's content as a window on its source stream
	 * (persist_stream, the default for a seekable stream) */
	if (stream && stream->super_stream == src->stream &&
	    stream->bound_start >= 0 &&
	    (gsize)stream->bound_start <= src->len) {
		start = MAX((gsize)stream->bound_start, src->head_len);
		end = stream->bound_end < 0
			      ? src->len
			      : MIN((gsize)stream->bound_end, src->len);
		end = MAX(start, python_end(src, end));
	}
	leaf.start = start - src->head_len;
	leaf.end = end - src->head_len;
	g_array_append_val(leaves, leaf);
}

/* Walks GMime's tree in Python's order, counting parts and collecting
 * the leaves. */
static void collect_object(struct walk *w, const struct source *src,
			   GMimeObject *obj, gboolean in_multipart,
			   gboolean in_digest, int depth, GArray *leaves)
{
	if (w->error || too_deep(w, depth))
		return;
	if (++w->parts > w->limits->max_mime_parts) {
		mail_limit_set_error(&w->error, w->limits,
				     MAIL_LIMIT_MIME_PARTS);
		return;
	}
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		const char *v;
		gsize vlen = 0;
		struct ctype ct;
		gboolean digest;

		v = object_header(obj, "Content-Type", &vlen);
		ctype_init(&ct, v, vlen, v != NULL, "text/plain");
		digest = ctype_main_is(&ct, "multipart") &&
			 ctype_sub_is(&ct, "digest");
		ctype_clear(&ct);
		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			collect_object(w, src, g_mime_multipart_get_part(mp, i),
				       TRUE, digest, depth + 1, leaves);
	} else if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *msg = g_mime_message_part_get_message(
			GMIME_MESSAGE_PART(obj));
		GMimeObject *body =
			msg ? g_mime_message_get_mime_part(msg) : NULL;

		if (body) {
			/* the message's body is "the last message created"
			 * when its part ends: it loses its line break too */
			collect_object(w, src, body, in_multipart, FALSE,
				       depth + 1, leaves);
		} else {
			struct leaf leaf = {.empty_message = TRUE};
			g_array_append_val(leaves, leaf);
		}
	} else if (GMIME_IS_PART(obj)) {
		collect_leaf(src, obj, in_multipart, in_digest, depth, leaves);
	}
}

/* Decodes one collected leaf of body[] (GMime's structures are gone). */
static void visit_leaf(struct walk *w, const char *body,
		       const struct leaf *leaf)
{
	const char *payload = body + leaf->start;
	gsize len = leaf->end - leaf->start;
	struct ctype ct;

	if (leaf->empty_message) {
		ctype_init(&ct, NULL, 0, FALSE, "text/plain");
		visit_text(w, g_strdup(""), &ct);
		ctype_clear(&ct);
		return;
	}
	ctype_init(&ct, leaf->ct_value, leaf->ct_len, leaf->ct_value != NULL,
		   leaf->in_digest ? "message/rfc822" : "text/plain");
	if (ctype_main_is(&ct, "message") &&
	    !ctype_sub_is(&ct, "delivery-status")) {
		/* e.g. message/rfc822 with a base64 CTE, which Python
		 * parses as a message all the same */
		extract_message(w, payload, len, leaf->in_multipart,
				leaf->depth + 1);
	} else if (ctype_main_is(&ct, "text")) {
		if (leaf->in_multipart)
			len = drop_eol(payload, len);
		decode_part(w, payload, len, &ct, leaf->ct_value, leaf->ct_len,
			    leaf->cte_value, leaf->cte_len);
	}
	ctype_clear(&ct);
}

/*
 * GMime's parse of a multipart body, within what the mail may still
 * have of parts and header fields (mime-guard.h). Adds the leaves to
 * `leaves`; sets w->error when the mail is over a limit.
 */
static void split_multipart(struct walk *w, const struct source *src,
			    gboolean digest, int depth, GArray *leaves)
{
	GMimeParser *parser = g_mime_parser_new_with_stream(src->stream);
	struct mime_guard *guard =
		mime_guard_new(parser, src->stream, src->buf, src->len,
			       room(w->limits->max_mime_parts, w->parts),
			       room(w->limits->max_header_count, w->headers));
	GMimeObject *obj = g_mime_parser_construct_part(parser, NULL);
	enum mail_limit over;

	w->headers += mime_guard_headers(guard);
	if (mime_guard_tripped(guard, &over)) {
		mail_limit_set_error(&w->error, w->limits, over);
	} else if (obj && GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			collect_object(w, src, g_mime_multipart_get_part(mp, i),
				       TRUE, digest, depth + 1, leaves);
	}
	if (obj)
		g_object_unref(obj);
	mime_guard_free(guard);
	g_object_unref(parser);
}

/* A top-level (or message/...) multipart body, handed to GMime under a
 * synthetic header that carries Python's idea of the boundary. */
static void walk_multipart(struct walk *w, const char *body, gsize len,
			   const char *ct_value, gsize ct_len, gboolean digest,
			   int depth)
{
	g_autoptr(GString) boundary = content_boundary(ct_value, ct_len);
	g_autoptr(GArray) leaves = NULL;
	const char *head;
	GByteArray *buf;
	struct source src;

	/* NoBoundaryInMultipartDefect: the body is the payload of a
	 * non-text part, so nothing is yielded. A boundary with a line
	 * break (or NUL) can never match a line. */
	if (!boundary || memchr(boundary->str, '\n', boundary->len) ||
	    memchr(boundary->str, '\r', boundary->len) ||
	    memchr(boundary->str, '\0', boundary->len))
		return;

	/* Always "mixed", even for a digest: GMime then leaves a digest's
	 * parts without Content-Type as plain leaves, which visit_leaf()
	 * types as message/rfc822 and parses with Python's header rules
	 * (and a digest part with an invalid type stays text/plain, as in
	 * Python, instead of GMime's message/rfc822). */
	buf = g_byte_array_sized_new(len + boundary->len * 2 + 64);
	head = "Content-Type: multipart/mixed; boundary=\"";
	g_byte_array_append(buf, (const guint8 *)head, strlen(head));
	for (gsize i = 0; i < boundary->len; i++) {
		if (boundary->str[i] == '"' || boundary->str[i] == '\\')
			g_byte_array_append(buf, (const guint8 *)"\\", 1);
		g_byte_array_append(buf, (const guint8 *)&boundary->str[i], 1);
	}
	g_byte_array_append(buf, (const guint8 *)"\"\n\n", 3);
	src.head_len = buf->len;
	g_byte_array_append(buf, (const guint8 *)body, len);

	src.buf = (const char *)buf->data;
	src.len = buf->len;
	src.stream = g_mime_stream_mem_new_with_byte_array(buf); /* owns buf */
	leaves = g_array_new(FALSE, FALSE, sizeof(struct leaf));
	g_array_set_clear_func(leaves, leaf_clear);
	split_multipart(w, &src, digest, depth, leaves);
	g_object_unref(src.stream);

	for (guint i = 0; i < leaves->len && !w->error; i++)
		visit_leaf(w, body, &g_array_index(leaves, struct leaf, i));
}

/* A whole message, its header block already split (the mail, or a
 * message/... part's body). in_multipart: the message is (the body of a
 * message part that is) a multipart's child, see drop_eol(). */
static void extract_parsed(struct walk *w, const struct mail *m,
			   gboolean in_multipart, int depth)
{
	const struct mail_header *cth, *cteh;
	const char *body;
	gsize body_len;
	struct ctype ct;

	cth = mail_header(m, "Content-Type");
	cteh = mail_header(m, "Content-Transfer-Encoding");
	body = m->data + m->body_offset;
	body_len = m->len - m->body_offset;
	ctype_init(&ct, cth ? cth->value : NULL, cth ? cth->value_len : 0,
		   cth != NULL, "text/plain");

	if (ctype_main_is(&ct, "text")) {
		if (in_multipart)
			body_len = drop_eol(body, body_len);
		decode_part(w, body, body_len, &ct, cth ? cth->value : NULL,
			    cth ? cth->value_len : 0, cteh ? cteh->value : NULL,
			    cteh ? cteh->value_len : 0);
	} else if (ctype_main_is(&ct, "multipart")) {
		walk_multipart(w, body, body_len, cth->value, cth->value_len,
			       ctype_sub_is(&ct, "digest"), depth);
	} else if (ctype_main_is(&ct, "message") &&
		   !ctype_sub_is(&ct, "delivery-status")) {
		/* the body is parsed as a message, whatever its CTE */
		extract_message(w, body, body_len, in_multipart, depth + 1);
	}
	ctype_clear(&ct);
}

static void extract_message(struct walk *w, const char *data, gsize len,
			    gboolean in_multipart, int depth)
{
	struct mail m;

	if (w->error || too_deep(w, depth))
		return;
	if (mail_init_bounded(&m, data, len, w->limits, w->headers,
			      &w->error)) {
		w->headers += m.headers->len;
		extract_parsed(w, &m, in_multipart, depth);
	}
	mail_clear(&m);
}

/* ---- results ---- */

/* Removes every NUL_MARK in place (Python: .replace('\x00', '')). */
static void remove_nul_marks(char *s)
{
	char *o = strchr(s, NUL_MARK);

	if (!o)
		return;
	for (char *p = o; *p; p++)
		if (*p != NUL_MARK)
			*o++ = *p;
	*o = '\0';
}

/*
 * clean_content(): cut at the first line that is exactly "-- " or only
 * underscores, followed by a newline (^(-- |_+)\n.* with MULTILINE and
 * DOTALL); strip; remove NULs.
 */
static char *clean_content(GString *comment)
{
	char *s = comment->str, *end = s + comment->len, *out;

	for (char *line = s; line < end;) {
		char *nl = memchr(line, '\n', end - line);
		if (!nl)
			break;
		if (nl - line == 3 && memcmp(line, "-- ", 3) == 0) {
			g_string_truncate(comment, line - s);
			break;
		}
		if (nl > line && line[0] == '_') {
			char *q = line;
			while (q < nl && *q == '_')
				q++;
			if (q == nl) {
				g_string_truncate(comment, line - s);
				break;
			}
		}
		line = nl + 1;
	}
	out = py_strip(comment->str);
	remove_nul_marks(out);
	return out;
}

/* Every "\r\n" becomes "\n" (Patchwork's save(), §10.6), in place. */
static void crlf_to_lf(char *s)
{
	char *o = strchr(s, '\r');

	if (!o)
		return;
	for (char *p = o; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n')
			continue;
		*o++ = *p;
	}
	*o = '\0';
}

void mail_body_clear(struct mail_body *body)
{
	g_clear_pointer(&body->diff, g_free);
	g_clear_pointer(&body->message, g_free);
}

gboolean mail_body_extract(const char *data, gsize len, gboolean is_reply,
			   struct mail_body *out, GError **error)
{
	struct mail m;
	gboolean ok;

	mail_init(&m, data, len);
	ok = mail_body_extract_parsed(&m, is_reply, &mail_limits_none, out,
				      error);
	mail_clear(&m);
	return ok;
}

gboolean mail_body_extract_parsed(const struct mail *mail, gboolean is_reply,
				  const struct mail_limits *limits,
				  struct mail_body *out, GError **error)
{
	struct walk w = {
		.is_reply = is_reply,
		.comment = g_string_new(NULL),
		.limits = limits,
		.headers = mail->headers->len,
	};

	out->diff = NULL;
	out->message = NULL;
	extract_parsed(&w, mail, FALSE, 0);
	if (w.error) {
		g_propagate_error(error, w.error);
		g_free(w.patch);
		g_string_free(w.comment, TRUE);
		return FALSE;
	}
	out->message = clean_content(w.comment);
	g_string_free(w.comment, TRUE);
	crlf_to_lf(out->message);
	if (w.patch && w.patch[0])
		remove_nul_marks(w.patch);
	out->diff = w.patch;
	return TRUE;
}
