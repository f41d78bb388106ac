/*
 * Allowed hosts and the base URL of links (see host.h), with Django's
 * rules: its host validation pattern, split_domain_port() and
 * is_same_domain(), so a site's ALLOWED_HOSTS carries over as it is.
 */
#include "http/host.h"

/* Longer Host values are not host names (253 bytes at most, a port). */
#define HOST_MAX 300

struct http_hosts {
	char **patterns; /* lower-case; NULL when Host is not checked */
	char *base_url;	 /* the configured base URL, or NULL */
	char *no_host;	 /* base URL when a request sends no Host */
	gboolean any;	 /* "*" is on the list */
};

static const char domain_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789.-";
static const char ipv6_chars[] = "0123456789abcdef:.";

/* Django: "[" [a-f0-9]* ":" [a-f0-9.:]+ "]" */
static gboolean ipv6_literal(const char *s, gsize len)
{
	if (len < 4 || s[0] != '[' || s[len - 1] != ']')
		return FALSE;
	gsize hex = strspn(s + 1, "0123456789abcdef");
	const char *rest = s + 1 + hex; /* at the required ':' */
	gsize inner = len - 2;
	return hex + 2 <= inner && *rest == ':' &&
	       strspn(s + 1, ipv6_chars) >= inner;
}

char *http_host_domain(const char *host)
{
	gsize len = strlen(host);
	if (!len || len > HOST_MAX)
		return NULL;
	g_autofree char *lower = g_ascii_strdown(host, len);
	gsize domain_len;

	if (lower[0] == '[') {
		const char *close = strchr(lower, ']');
		domain_len = close ? (gsize)(close - lower) + 1 : 0;
		if (!domain_len || !ipv6_literal(lower, domain_len))
			return NULL;
	} else {
		domain_len = strspn(lower, domain_chars);
		if (!domain_len)
			return NULL;
	}
	const char *port = lower + domain_len;
	if (*port == ':' &&
	    (!port[1] || strspn(port + 1, "0123456789") != strlen(port + 1)))
		return NULL;
	if (*port && *port != ':')
		return NULL;
	/* Django drops one trailing dot: "example.com." is example.com. */
	if (lower[domain_len - 1] == '.')
		domain_len--;
	return domain_len ? g_strndup(lower, domain_len) : NULL;
}

/* Django's is_same_domain(): pattern is lower-case. */
static gboolean same_domain(const char *domain, const char *pattern)
{
	if (pattern[0] == '.')
		return g_str_has_suffix(domain, pattern) ||
		       strcmp(domain, pattern + 1) == 0;
	return strcmp(domain, pattern) == 0;
}

/*
 * The host and port of a listen address, tolerating every form `darn
 * serve --listen` takes: "[::1]:8000", "::1", "localhost:8000",
 * "127.0.0.1:8000", "8000". *host is NULL for no host or a wildcard
 * address, which name no host a client would send.
 */
static void split_listen(const char *listen, char **host, char **port)
{
	const char *colon = strrchr(listen, ':');
	const char *close = strchr(listen, ']');

	*host = *port = NULL;
	if (listen[0] == '[' && close) {
		*host = g_ascii_strdown(listen, close + 1 - listen);
		if (close[1] == ':')
			*port = g_strdup(close + 2);
	} else if (colon && strchr(listen, ':') != colon) {
		*host = g_strdup_printf("[%s]", listen); /* bare IPv6 */
	} else if (!colon && strspn(listen, "0123456789") == strlen(listen)) {
		*port = g_strdup(listen);
	} else {
		gsize n = colon ? (gsize)(colon - listen) : strlen(listen);
		*host = g_ascii_strdown(listen, n);
		if (colon)
			*port = g_strdup(colon + 1);
	}
	static const char *const wildcards[] = {"", "0.0.0.0", "[::]", "*"};
	for (gsize i = 0; *host && i < G_N_ELEMENTS(wildcards); i++)
		if (strcmp(*host, wildcards[i]) == 0)
			g_clear_pointer(host, g_free);
	if (*port && !**port)
		g_clear_pointer(port, g_free);
}

struct http_hosts *http_hosts_new(const char *allowed, const char *listen,
				  const char *base_url)
{
	struct http_hosts *h = g_new0(struct http_hosts, 1);
	g_autofree char *listen_host = NULL, *listen_port = NULL;
	g_autoptr(GPtrArray) patterns = g_ptr_array_new();

	split_listen(listen ? listen : "", &listen_host, &listen_port);
	h->no_host = g_strdup_printf(
		"http://%s%s%s", listen_host ? listen_host : "localhost",
		listen_port ? ":" : "", listen_port ? listen_port : "");
	if (base_url && *base_url)
		h->base_url = g_strdup(base_url);

	if (allowed && *allowed) {
		g_auto(GStrv) words = g_strsplit_set(allowed, ", \t\n", -1);
		for (char **w = words; *w; w++)
			if (**w)
				g_ptr_array_add(patterns,
						g_ascii_strdown(*w, -1));
	} else if (!h->base_url) {
		static const char *const local[] = {"localhost", "127.0.0.1",
						    "[::1]"};
		if (listen_host)
			g_ptr_array_add(patterns, g_strdup(listen_host));
		for (gsize i = 0; i < G_N_ELEMENTS(local); i++)
			g_ptr_array_add(patterns, g_strdup(local[i]));
	} else {
		/* a base URL and no explicit list: Host is not used */
		return h;
	}
	for (guint i = 0; i < patterns->len; i++)
		h->any |= strcmp(patterns->pdata[i], "*") == 0;
	g_ptr_array_add(patterns, NULL);
	h->patterns =
		(char **)g_ptr_array_free(g_steal_pointer(&patterns), FALSE);
	return h;
}

void http_hosts_free(struct http_hosts *h)
{
	if (!h)
		return;
	g_strfreev(h->patterns);
	g_free(h->base_url);
	g_free(h->no_host);
	g_free(h);
}

static gboolean allowed(const struct http_hosts *h, const char *domain)
{
	if (h->any)
		return TRUE;
	for (char **p = h->patterns; *p; p++)
		if (same_domain(domain, *p))
			return TRUE;
	return FALSE;
}

char *http_hosts_base_url(const struct http_hosts *h, const char *host)
{
	if (host) {
		/* A Host that is not a host is refused even where it is not
		 * used: the request is malformed (Django checks every one). */
		g_autofree char *domain = http_host_domain(host);
		if (!domain || (h->patterns && !allowed(h, domain)))
			return NULL;
	}
	if (h->base_url)
		return g_strdup(h->base_url);
	/* Valid hosts hold only [a-zA-Z0-9.:[\]-]: safe in any URL. */
	return host ? g_strconcat("http://", host, NULL) : g_strdup(h->no_host);
}
