/*
 * Reading a methodCall (xmlrpc-private.h) with libxml2's tree parser,
 * never by scanning the text ourselves. What Python's loads() accepts,
 * within bounds: no DTD (so no entity declarations, hence no entity
 * expansion attack and no external entity), no network, libxml2's own
 * depth and size limits (XML_PARSE_HUGE off), and darn's bounds on
 * nesting, values and text sizes.
 */
#include "api/xml-dl.h"
#include "api/xmlrpc-private.h"
#include "http/auth.h"

#include <errno.h>
#include <math.h>

struct parse {
	int values; /* values read so far */
	char *fault;
};

static gboolean fail(struct parse *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static gboolean fail(struct parse *p, const char *fmt, ...)
{
	if (!p->fault) {
		va_list ap;
		va_start(ap, fmt);
		p->fault = g_strdup_vprintf(fmt, ap);
		va_end(ap);
	}
	return FALSE;
}

/* A structural error in a well-formed document. */
#define BAD(p, what) \
	fail(p, "<class 'xmlrpc.client.ResponseError'>:ResponseError(%s)", what)

void xv_free(struct xv *v)
{
	if (!v)
		return;
	g_free(v->s);
	g_free(v->name);
	if (v->items)
		g_ptr_array_unref(v->items);
	g_free(v);
}

const struct xv *xv_member(const struct xv *st, const char *name)
{
	if (!st || st->type != XV_STRUCT)
		return NULL;
	for (guint i = st->items->len; i-- > 0;) {
		const struct xv *m = g_ptr_array_index(st->items, i);
		if (strcmp(m->name, name) == 0)
			return m;
	}
	return NULL;
}

void xmlrpc_call_clear(struct xmlrpc_call *c)
{
	g_clear_pointer(&c->method, g_free);
	g_clear_pointer(&c->params, g_ptr_array_unref);
}

static gboolean is_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static gboolean blank(const char *s)
{
	for (; *s; s++)
		if (!g_ascii_isspace(*s))
			return FALSE;
	return TRUE;
}

/*
 * The next element child from *at on, skipping comments, processing
 * instructions and white space; NULL at the end. Other text, and entity
 * references (never expanded), are errors.
 */
static const xmlNode *next_element(struct parse *p, const xmlNode **at)
{
	for (const xmlNode *n = *at; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			*at = n->next;
			return n;
		}
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
			continue;
		if ((n->type == XML_TEXT_NODE ||
		     n->type == XML_CDATA_SECTION_NODE) &&
		    blank((const char *)n->content))
			continue;
		BAD(p, "'unexpected text or entity'");
		*at = NULL;
		return NULL;
	}
	*at = NULL;
	return NULL;
}

/* The text content of a leaf element (text and CDATA only). */
static char *leaf_text(struct parse *p, const xmlNode *el, gsize *len)
{
	GString *s = g_string_new(NULL);
	for (const xmlNode *n = el->children; n; n = n->next) {
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
			continue;
		if (n->type != XML_TEXT_NODE &&
		    n->type != XML_CDATA_SECTION_NODE) {
			BAD(p, "'unexpected element or entity in a value'");
			g_string_free(s, TRUE);
			return NULL;
		}
		g_string_append(s, (const char *)n->content);
		if (s->len > XMLRPC_MAX_TEXT) {
			fail(p,
			     "<class 'ValueError'>:value longer than %d "
			     "bytes",
			     XMLRPC_MAX_TEXT);
			g_string_free(s, TRUE);
			return NULL;
		}
	}
	*len = s->len;
	return g_string_free(s, FALSE);
}

/* Python's int(): white space around, one sign, digits ('_' between
 * digits). Past 64 bits darn refuses what SQLite could not store. */
static gboolean parse_int(struct parse *p, const char *text, gint64 *out)
{
	g_autoptr(GString) digits = g_string_new(NULL);
	const char *s = text;
	while (g_ascii_isspace(*s))
		s++;
	if (*s == '+' || *s == '-')
		g_string_append_c(digits, *s++);
	gboolean any = FALSE;
	for (;
	     g_ascii_isdigit(*s) || (*s == '_' && any && g_ascii_isdigit(s[1]));
	     s++) {
		if (*s != '_')
			g_string_append_c(digits, *s);
		any = TRUE;
	}
	while (g_ascii_isspace(*s))
		s++;
	if (!any || *s) {
		g_autofree char *shown = g_strescape(text, NULL);
		return fail(p,
			    "<class 'ValueError'>:invalid literal for int() "
			    "with base 10: '%.80s'",
			    shown);
	}
	errno = 0;
	*out = g_ascii_strtoll(digits->str, NULL, 10);
	if (errno)
		return fail(p, "<class 'OverflowError'>:Python int too large "
			       "to convert to SQLite INTEGER");
	return TRUE;
}

static struct xv *parse_value(struct parse *p, const xmlNode *el, int depth);

static gboolean parse_array(struct parse *p, const xmlNode *el, int depth,
			    struct xv *v)
{
	const xmlNode *at = el->children;
	const xmlNode *data = next_element(p, &at);
	if (!data || !is_element(data, "data") || next_element(p, &at))
		return BAD(p, "'<array> holds one <data>'");
	v->items = g_ptr_array_new_with_free_func((GDestroyNotify)xv_free);
	at = data->children;
	for (const xmlNode *n; (n = next_element(p, &at));) {
		struct xv *item = parse_value(p, n, depth + 1);
		if (!item)
			return FALSE;
		g_ptr_array_add(v->items, item);
	}
	return !p->fault;
}

static gboolean parse_struct(struct parse *p, const xmlNode *el, int depth,
			     struct xv *v)
{
	v->items = g_ptr_array_new_with_free_func((GDestroyNotify)xv_free);
	const xmlNode *at = el->children;
	for (const xmlNode *m; (m = next_element(p, &at));) {
		const xmlNode *in = m->children;
		const xmlNode *name =
			is_element(m, "member") ? next_element(p, &in) : NULL;
		const xmlNode *value = name ? next_element(p, &in) : NULL;
		if (!name || !is_element(name, "name") || !value ||
		    next_element(p, &in))
			return BAD(p, "'<member> holds <name> and <value>'");
		gsize len;
		g_autofree char *text = leaf_text(p, name, &len);
		if (!text)
			return FALSE;
		struct xv *item = parse_value(p, value, depth + 1);
		if (!item)
			return FALSE;
		item->name = g_steal_pointer(&text);
		g_ptr_array_add(v->items, item);
	}
	return !p->fault;
}

/* The typed content of <value>: one element named after the type. */
static gboolean parse_typed(struct parse *p, const xmlNode *t, int depth,
			    struct xv *v)
{
	const char *type = (const char *)t->name;

	if (strcmp(type, "array") == 0) {
		v->type = XV_ARRAY;
		return parse_array(p, t, depth, v);
	}
	if (strcmp(type, "struct") == 0) {
		v->type = XV_STRUCT;
		return parse_struct(p, t, depth, v);
	}
	if (strcmp(type, "nil") == 0) {
		v->type = XV_NIL;
		return TRUE;
	}
	v->s = leaf_text(p, t, &v->len);
	if (!v->s)
		return FALSE;
	if (strcmp(type, "string") == 0) {
		v->type = XV_STRING;
	} else if (strcmp(type, "int") == 0 || strcmp(type, "i4") == 0 ||
		   strcmp(type, "i8") == 0) {
		v->type = XV_INT;
		return parse_int(p, v->s, &v->i);
	} else if (strcmp(type, "boolean") == 0) {
		v->type = XV_BOOL;
		if (strcmp(v->s, "0") && strcmp(v->s, "1"))
			return fail(p, "<class 'TypeError'>:bad boolean value");
		v->i = v->s[0] == '1';
	} else if (strcmp(type, "double") == 0) {
		char *end;
		v->type = XV_DOUBLE;
		v->d = g_ascii_strtod(v->s, &end);
		while (g_ascii_isspace(*end))
			end++;
		if (end == v->s || *end || !isfinite(v->d))
			return fail(p, "<class 'ValueError'>:could not convert "
				       "string to float");
	} else if (strcmp(type, "base64") == 0) {
		g_autoptr(GByteArray) raw = http_b64decode_lenient(v->s);
		if (!raw)
			return fail(p, "<class 'binascii.Error'>:Incorrect "
				       "padding");
		v->type = XV_BASE64;
		g_free(v->s);
		v->len = raw->len;
		v->s = g_malloc(raw->len + 1);
		if (raw->len)
			memcpy(v->s, raw->data, raw->len);
		v->s[raw->len] = '\0';
	} else if (strcmp(type, "dateTime.iso8601") == 0) {
		v->type = XV_DATETIME;
	} else {
		g_autofree char *what =
			g_strdup_printf("'unknown tag %.40s'", type);
		return BAD(p, what);
	}
	return TRUE;
}

static struct xv *parse_value(struct parse *p, const xmlNode *el, int depth)
{
	if (!is_element(el, "value")) {
		BAD(p, "'<value> expected'");
		return NULL;
	}
	if (depth > XMLRPC_MAX_DEPTH) {
		fail(p, "<class 'ValueError'>:values nested deeper than %d",
		     XMLRPC_MAX_DEPTH);
		return NULL;
	}
	if (++p->values > XMLRPC_MAX_VALUES) {
		fail(p, "<class 'ValueError'>:more than %d values",
		     XMLRPC_MAX_VALUES);
		return NULL;
	}
	g_autoptr(xv) v = g_new0(struct xv, 1);
	const xmlNode *at = el->children;
	const xmlNode *t = NULL;
	gboolean has_element = FALSE;
	for (const xmlNode *n = el->children; n; n = n->next)
		has_element |= n->type == XML_ELEMENT_NODE;
	if (!has_element) {
		/* <value>text</value> is a string, white space kept */
		v->type = XV_STRING;
		v->s = leaf_text(p, el, &v->len);
		return v->s ? g_steal_pointer(&v) : NULL;
	}
	t = next_element(p, &at);
	if (!t || next_element(p, &at) || p->fault) {
		BAD(p, "'<value> holds one type'");
		return NULL;
	}
	if (!parse_typed(p, t, depth, v))
		return NULL;
	return g_steal_pointer(&v);
}

static gboolean parse_call(struct parse *p, const xmlNode *root,
			   struct xmlrpc_call *out)
{
	if (!is_element(root, "methodCall"))
		return BAD(p, "'<methodCall> expected'");
	const xmlNode *at = root->children;
	const xmlNode *name = next_element(p, &at);
	if (!name || !is_element(name, "methodName"))
		return BAD(p, "'<methodName> expected'");
	gsize len;
	out->method = leaf_text(p, name, &len);
	if (!out->method)
		return FALSE;
	out->params = g_ptr_array_new_with_free_func((GDestroyNotify)xv_free);
	const xmlNode *params = next_element(p, &at);
	if (!params)
		return !p->fault;
	if (!is_element(params, "params") || next_element(p, &at))
		return BAD(p, "'<params> expected'");
	const xmlNode *in = params->children;
	for (const xmlNode *param; (param = next_element(p, &in));) {
		const xmlNode *pin = param->children;
		const xmlNode *value = is_element(param, "param")
					       ? next_element(p, &pin)
					       : NULL;
		if (!value || next_element(p, &pin))
			return BAD(p, "'<param> holds one <value>'");
		if (out->params->len >= XMLRPC_MAX_PARAMS)
			return fail(p,
				    "<class 'ValueError'>:more than %d "
				    "params",
				    XMLRPC_MAX_PARAMS);
		struct xv *v = parse_value(p, value, 0);
		if (!v)
			return FALSE;
		g_ptr_array_add(out->params, v);
	}
	return !p->fault;
}

/* The root element; DTDs and entity references refused. */
static const xmlNode *root_element(struct parse *p, const xmlDoc *doc)
{
	const xmlNode *root = NULL;
	if (doc->intSubset || doc->extSubset) {
		fail(p, "<class 'ValueError'>:DTDs are not accepted");
		return NULL;
	}
	for (const xmlNode *n = doc->children; n; n = n->next) {
		if (n->type == XML_DTD_NODE) {
			fail(p, "<class 'ValueError'>:DTDs are not accepted");
			return NULL;
		}
		if (n->type == XML_ELEMENT_NODE)
			root = n;
	}
	if (!root)
		BAD(p, "'no root element'");
	return root;
}

/*
 * Python's loads() fails with expat's message: the common ones are
 * given in expat's words, with its position (line from 1, column from
 * 0); a document that ends too early is "no element found" at its end.
 */
static char *expat_error(const xmlError *e, const char *body, gsize len)
{
	int line = e->line, column = MAX(e->int2 - 1, 0);
	const char *what = "not well-formed (invalid token)";

	switch (e->code) {
	case XML_ERR_DOCUMENT_EMPTY:
	case XML_ERR_TAG_NOT_FINISHED:
	case XML_ERR_LTSLASH_REQUIRED:
		what = "no element found";
		line = 1;
		column = 0;
		for (gsize i = 0; i < len; i++) {
			column++;
			if (body[i] == '\n') {
				line++;
				column = 0;
			}
		}
		break;
	case XML_ERR_DOCUMENT_END:
		what = "junk after document element";
		break;
	case XML_ERR_TAG_NAME_MISMATCH:
		what = "mismatched tag";
		break;
	default:
		break;
	}
	return g_strdup_printf(
		"<class 'xml.parsers.expat.ExpatError'>:%s: line %d, column %d",
		what, line, column);
}

/* libxml2 reports some errors (input encoding) through its global
 * handlers whatever the parser options: they go nowhere, the fault
 * says what failed. */
static void quiet_generic(void *ctx, const char *msg, ...)
{
}

static void quiet_structured(void *ctx, xmlErrorPtr error)
{
}

gboolean xmlrpc_parse(const char *body, gsize len, struct xmlrpc_call *out,
		      char **fault)
{
	struct parse p = {0};
	const char *why = NULL;
	const struct xml_api *xml = xml_api(&why);

	memset(out, 0, sizeof(*out));
	if (!xml) {
		*fault = g_strdup_printf("<class 'OSError'>:%s", why);
		return FALSE;
	}
	if (len > G_MAXINT) {
		*fault = g_strdup("<class 'ValueError'>:request too large");
		return FALSE;
	}
	/* the handlers are per thread in libxml2: set them every time */
	xml->xmlSetGenericErrorFunc(NULL, quiet_generic);
	xml->xmlSetStructuredErrorFunc(NULL, quiet_structured);
	xmlParserCtxtPtr ctxt = xml->xmlNewParserCtxt();
	if (!ctxt) {
		*fault = g_strdup("<class 'MemoryError'>:");
		return FALSE;
	}
	/* No XML_PARSE_NOENT (entities stay references, and a document
	 * with a DTD is refused anyway), no DTD loading, no network, no
	 * XML_PARSE_HUGE; errors are reported here, not on stderr. */
	xmlDocPtr doc = xml->xmlCtxtReadMemory(
		ctxt, body, (int)len, NULL, NULL,
		XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	gboolean ok = FALSE;
	if (!doc || !ctxt->wellFormed) {
		p.fault = expat_error(&ctxt->lastError, body, len);
	} else {
		const xmlNode *root = root_element(&p, doc);
		ok = root && parse_call(&p, root, out);
	}
	if (doc)
		xml->xmlFreeDoc(doc);
	xml->xmlFreeParserCtxt(ctxt);
	if (!ok) {
		xmlrpc_call_clear(out);
		*fault = p.fault ? p.fault
				 : g_strdup("<class 'ValueError'>:bad request");
		return FALSE;
	}
	return TRUE;
}
