/*
 * Builds struct mail_info from a mail's bytes: the mail/ layer's whole
 * decode (see mailinfo.h), in the order and with the rules of ingest.md
 * §3 step 4 onwards.
 */
#include "mail/mailinfo.h"

#include "mail/date.h"
#include "mail/hash.h"
#include "mail/header.h"
#include "mail/message.h"
#include "mail/pull.h"
#include "mail/pystr.h"
#include "mail/subject.h"

GQuark mail_error_quark(void)
{
	return g_quark_from_static_string("darn-mail-error-quark");
}

GBytes *mail_universal_newlines(GBytes *raw)
{
	gsize len;
	const char *data = g_bytes_get_data(raw, &len);
	if (!data || !memchr(data, '\r', len))
		return g_bytes_ref(raw);
	char *out = g_malloc(len);
	gsize n = 0;
	for (gsize i = 0; i < len; i++) {
		if (data[i] != '\r') {
			out[n++] = data[i];
			continue;
		}
		out[n++] = '\n';
		if (i + 1 < len && data[i + 1] == '\n')
			i++;
	}
	return g_bytes_new_take(out, n);
}

char *mail_list_id_parse(const char *h)
{
	/* `.*<([^>]+)>.*` (DOTALL), anchored: the greedy `.*` makes this the
	 * last '<' that is followed by at least one non-'>' and a '>'. One
	 * pass from the end, remembering the nearest '>' after each byte:
	 * trying every '<' with strchr() was quadratic on a header of many
	 * '<' (2 MB of them took 27 s). */
	const char *gt = NULL; /* the first '>' after p, or NULL */
	for (const char *p = h + strlen(h); p-- > h;) {
		if (*p == '>') {
			gt = p;
		} else if (*p == '<' && gt && gt > p + 1) {
			return g_strndup(p + 1, gt - p - 1);
		}
	}
	/* `^([\S]+)$`: the whole value when it holds no whitespace. */
	if (!*h)
		return NULL;
	for (const char *p = h; *p; p = g_utf8_next_char(p))
		if (py_isspace(g_utf8_get_char(p)))
			return NULL;
	return g_strdup(h);
}

/* First `<[^>]+>` in s, brackets included, or NULL. */
static char *first_bracketed(const char *s)
{
	for (const char *lt = strchr(s, '<'); lt; lt = strchr(lt + 1, '<')) {
		const char *gt = strchr(lt + 1, '>');
		if (!gt)
			return NULL;
		/* [^>]+ may contain '<': the match starting at this '<' ends
		 * at the first '>' after it, and needs one char between. */
		if (gt > lt + 1)
			return g_strndup(lt, gt - lt + 1);
	}
	return NULL;
}

static char *clean_at(const struct mail *mail, gssize i)
{
	const struct mail_header *h =
		&g_array_index(mail->headers, struct mail_header, i);
	return header_clean(h->value, h->value_len);
}

/* §5.2 find_references. Patchwork skips a References id already in
 * the list with a linear search; a set keeps that order and those
 * semantics in linear time (100,000 ids took 26 s). */
static void find_references(const struct mail *mail, GPtrArray *refs)
{
	/* the ids in refs, borrowed from it */
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	for (gssize i = mail_header_next(mail, "In-Reply-To", 0); i >= 0;
	     i = mail_header_next(mail, "In-Reply-To", i + 1)) {
		g_autofree char *h = clean_at(mail, i);
		if (!h || !*h)
			continue;
		char *ref = first_bracketed(h);
		if (!ref)
			ref = py_strip(h);
		g_ptr_array_add(refs, ref);
		g_hash_table_add(seen, ref);
	}
	for (gssize i = mail_header_next(mail, "References", 0); i >= 0;
	     i = mail_header_next(mail, "References", i + 1)) {
		g_autofree char *h = clean_at(mail, i);
		if (!h || !*h)
			continue;
		g_autoptr(GPtrArray) found =
			g_ptr_array_new_with_free_func(g_free);
		const char *p = h;
		for (;;) {
			const char *lt = strchr(p, '<');
			if (!lt)
				break;
			const char *gt = strchr(lt + 1, '>');
			if (!gt)
				break;
			if (gt == lt + 1) {
				p = lt + 1;
				continue;
			}
			g_ptr_array_add(found, g_strndup(lt, gt - lt + 1));
			p = gt + 1;
		}
		/* most recent first */
		for (guint k = found->len; k-- > 0;) {
			if (g_hash_table_contains(seen, found->pdata[k]))
				continue;
			char *ref = g_strdup(found->pdata[k]);
			g_ptr_array_add(refs, ref);
			g_hash_table_add(seen, ref);
		}
	}
}

/* §9: every header that canonicalises, "Name: value" lines joined by \n,
 * NULs removed (header_canonical_line() removes them per line). Sets
 * *failed when Python would raise on some header, failing the mail. */
static char *stored_headers(const struct mail *mail, gboolean *failed)
{
	GString *out = g_string_sized_new(mail->body_offset + 64);
	for (guint i = 0; i < mail->headers->len; i++) {
		const struct mail_header *h =
			&g_array_index(mail->headers, struct mail_header, i);
		g_autofree char *name = g_strndup(h->name, h->name_len);
		g_autofree char *line = NULL;
		enum header_status st = header_canonical_line_status(
			name, h->value, h->value_len, &line);
		if (st == HEADER_ERROR)
			*failed = TRUE;
		if (!line)
			continue;
		if (out->len)
			g_string_append_c(out, '\n');
		g_string_append(out, line);
	}
	return g_string_free(out, FALSE);
}

gboolean mail_info_extract(const char *data, gsize len,
			   const struct mail_limits *limits,
			   struct mail_info *info, GError **error)
{
	struct mail mail;

	memset(info, 0, sizeof(*info));
	info->list_ids = g_ptr_array_new_with_free_func(g_free);
	info->refs = g_ptr_array_new_with_free_func(g_free);
	info->reply_to_cc = g_ptr_array_new_with_free_func(g_free);
	info->body.message = g_strdup("");

	if (!mail_init_bounded(&mail, data, len, limits, 0, error)) {
		mail_clear(&mail);
		return FALSE;
	}
	if (mail.headers->len == 0) {
		mail_clear(&mail);
		g_set_error(error, MAIL_ERROR, MAIL_ERROR_NOT_A_MAIL,
			    "no mail headers found");
		return FALSE;
	}

	info->has_from = mail_header(&mail, "From") != NULL;
	info->has_subject = mail_header(&mail, "Subject") != NULL;
	info->has_msgid = mail_header(&mail, "Message-Id") != NULL;

	info->hint = mail_header_clean(&mail, "X-Patchwork-Hint");
	info->subject = mail_header_clean(&mail, "Subject");
	info->subject_broken = info->has_subject && !info->subject;
	info->is_reply = info->subject && subject_is_reply(info->subject);

	static const char *const list_headers[] = {"List-ID", "X-Mailing-List",
						   "X-list"};
	for (gsize i = 0; i < G_N_ELEMENTS(list_headers); i++) {
		g_autofree char *h = mail_header_clean(&mail, list_headers[i]);
		if (!h || !*h)
			continue;
		char *id = mail_list_id_parse(h);
		if (id)
			g_ptr_array_add(info->list_ids, id);
	}

	g_autofree char *msgid = mail_header_clean(&mail, "Message-Id");
	if (msgid && *msgid) {
		char *bracketed = first_bracketed(msgid);
		g_autofree char *id = bracketed ? bracketed : py_strip(msgid);
		info->msgid = py_truncate(id, 255);
	}

	find_references(&mail, info->refs);

	g_autofree char *date = mail_header_clean(&mail, "Date");
	if (date && *date)
		info->has_date = mail_date_parse(date, &info->date);

	gboolean header_failed = FALSE;
	info->headers = stored_headers(&mail, &header_failed);
	if (header_failed)
		info->header_error = g_strdup(
			"a header names an empty charset (Python raises "
			"LookupError)");

	info->from = mail_header_clean(&mail, "From");
	info->delegate_email = mail_header_clean(&mail, "X-Patchwork-Delegate");
	info->state_name = mail_header_clean(&mail, "X-Patchwork-State");
	info->action_required =
		mail_header(&mail, "X-Patchwork-Action-Required") != NULL;
	info->original_from = mail_header_clean(&mail, "X-Original-From");
	static const char *const sender_headers[] = {"Reply-To", "Cc"};
	for (gsize k = 0; k < G_N_ELEMENTS(sender_headers); k++) {
		for (gssize i = mail_header_next(&mail, sender_headers[k], 0);
		     i >= 0;
		     i = mail_header_next(&mail, sender_headers[k], i + 1)) {
			/* NULL when undecodable: Patchwork fails on
			 * such a value only if it has to read it. */
			g_ptr_array_add(info->reply_to_cc, clean_at(&mail, i));
		}
	}
	g_free(info->body.message);
	info->body.message = NULL;
	g_autoptr(GError) body_error = NULL;
	if (!mail_body_extract_parsed(&mail, info->is_reply, limits,
				      &info->body, &body_error) &&
	    body_error->domain == MAIL_LIMIT_ERROR) {
		mail_clear(&mail);
		g_propagate_error(error, g_steal_pointer(&body_error));
		return FALSE;
	}
	if (body_error) {
		/* Patchwork raises on such a body (a charset naming a
		 * non-text codec); ingest rejects the mail with this. */
		info->body_error = g_strdup(body_error->message);
		mail_body_clear(&info->body);
		info->body.message = g_strdup("");
	}
	mail_clear(&mail);
	info->pull_url = pull_url_find(info->body.message);
	if (info->body.diff) {
		info->hash = diff_hash(info->body.diff);
		info->filenames = diff_filenames(info->body.diff);
	} else {
		info->filenames = g_ptr_array_new_with_free_func(g_free);
	}
	return TRUE;
}

void mail_info_clear(struct mail_info *info)
{
	g_free(info->hint);
	g_free(info->subject);
	g_free(info->body_error);
	g_free(info->header_error);
	if (info->list_ids)
		g_ptr_array_unref(info->list_ids);
	g_free(info->msgid);
	if (info->refs)
		g_ptr_array_unref(info->refs);
	g_free(info->headers);
	mail_body_clear(&info->body);
	g_free(info->pull_url);
	g_free(info->hash);
	if (info->filenames)
		g_ptr_array_unref(info->filenames);
	g_free(info->from);
	g_free(info->delegate_email);
	g_free(info->state_name);
	g_free(info->original_from);
	if (info->reply_to_cc)
		g_ptr_array_unref(info->reply_to_cc);
	memset(info, 0, sizeof(*info));
}
