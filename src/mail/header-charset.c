/*
 * email.charset.Charset as Python 3.11 builds it for a header chunk
 * (ingest.md A.2, A.4): the email package's own charset aliases, its
 * header encoding per charset (Q, B or the shorter), and the input,
 * output and measuring codecs the decoder and the encoder use.
 */
#include "mail/header-private.h"

#include <string.h>

/* email.charset.CHARSETS: header encoding and output conversion. */
static const struct {
	const char *name;
	enum henc henc;
	const char *output;
} email_charsets[] = {
	{"iso-8859-1", HENC_QP, NULL},
	{"iso-8859-2", HENC_QP, NULL},
	{"iso-8859-3", HENC_QP, NULL},
	{"iso-8859-4", HENC_QP, NULL},
	{"iso-8859-9", HENC_QP, NULL},
	{"iso-8859-10", HENC_QP, NULL},
	{"iso-8859-13", HENC_QP, NULL},
	{"iso-8859-14", HENC_QP, NULL},
	{"iso-8859-15", HENC_QP, NULL},
	{"iso-8859-16", HENC_QP, NULL},
	{"windows-1252", HENC_QP, NULL},
	{"viscii", HENC_QP, NULL},
	{"us-ascii", HENC_NONE, NULL},
	{"big5", HENC_BASE64, NULL},
	{"gb2312", HENC_BASE64, NULL},
	{"euc-jp", HENC_BASE64, "iso-2022-jp"},
	{"shift_jis", HENC_BASE64, "iso-2022-jp"},
	{"iso-2022-jp", HENC_BASE64, NULL},
	{"koi8-r", HENC_BASE64, NULL},
	{"utf-8", HENC_SHORTEST, "utf-8"},
};

/* email.charset.ALIASES */
static const struct {
	const char *alias;
	const char *name;
} email_aliases[] = {
	{"latin_1", "iso-8859-1"},   {"latin-1", "iso-8859-1"},
	{"latin_2", "iso-8859-2"},   {"latin-2", "iso-8859-2"},
	{"latin_3", "iso-8859-3"},   {"latin-3", "iso-8859-3"},
	{"latin_4", "iso-8859-4"},   {"latin-4", "iso-8859-4"},
	{"latin_5", "iso-8859-9"},   {"latin-5", "iso-8859-9"},
	{"latin_6", "iso-8859-10"},  {"latin-6", "iso-8859-10"},
	{"latin_7", "iso-8859-13"},  {"latin-7", "iso-8859-13"},
	{"latin_8", "iso-8859-14"},  {"latin-8", "iso-8859-14"},
	{"latin_9", "iso-8859-15"},  {"latin-9", "iso-8859-15"},
	{"latin_10", "iso-8859-16"}, {"latin-10", "iso-8859-16"},
	{"cp949", "ks_c_5601-1987"}, {"euc_jp", "euc-jp"},
	{"euc_kr", "euc-kr"},	     {"ascii", "us-ascii"},
};

static const char *email_alias(const char *name)
{
	for (gsize i = 0; i < G_N_ELEMENTS(email_aliases); i++)
		if (strcmp(name, email_aliases[i].alias) == 0)
			return email_aliases[i].name;
	return name;
}

/* email.charset.CODEC_MAP; NULL for us-ascii ("no conversion"). */
static const char *email_codec_name(const char *charset)
{
	if (strcmp(charset, "gb2312") == 0)
		return "eucgb2312_cn";
	if (strcmp(charset, "big5") == 0)
		return "big5_tw";
	if (strcmp(charset, "us-ascii") == 0)
		return NULL;
	return charset;
}

static struct codec codec_by_name(const char *name)
{
	if (strcmp(name, "unknown-8bit") == 0)
		return (struct codec){CODEC_UNKNOWN8BIT, NULL};
	if (strcmp(name, "us-ascii") == 0)
		return (struct codec){CODEC_ASCII, NULL};
	return codec_lookup(name, strlen(name));
}

void charset_clear(struct charset *cs)
{
	g_free(cs->input);
	g_free(cs->output);
	g_free(cs->label);
}

void charset_init(struct charset *cs, const char *name, gsize len)
{
	const char *conv = NULL, *out, *in_codec, *out_codec;
	g_autofree char *lower = g_ascii_strdown(name, len);

	memset(cs, 0, sizeof(*cs));
	cs->bad_name = memchr(name, '\0', len) != NULL;
	cs->input = g_strdup(email_alias(lower));
	cs->henc = HENC_SHORTEST;
	for (gsize i = 0; i < G_N_ELEMENTS(email_charsets); i++) {
		if (strcmp(cs->input, email_charsets[i].name) == 0) {
			cs->henc = email_charsets[i].henc;
			conv = email_charsets[i].output;
			break;
		}
	}
	if (!conv || !*conv)
		conv = cs->input;
	out = email_alias(conv);
	cs->output = g_strdup(*out ? out : cs->input);
	in_codec = email_codec_name(cs->input);
	out_codec = email_codec_name(out);
	/* Header.append(): `charset.input_codec or 'us-ascii'`, which also
	 * turns the empty name into us-ascii. */
	in_codec = in_codec && *in_codec ? in_codec : "us-ascii";
	out_codec = out_codec && *out_codec ? out_codec : "us-ascii";
	cs->label = g_strdup(out_codec);
	if (cs->bad_name)
		return;
	cs->in = codec_by_name(in_codec);
	cs->out = codec_by_name(out_codec);
	cs->measure = codec_by_name(cs->output);
}
