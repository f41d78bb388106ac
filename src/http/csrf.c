/*
 * Django's CSRF tokens and checks (see csrf.h).
 */
#include "http/csrf.h"

#include "util/crypto-dl.h"

static const char chars[] = "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
#define NCHARS ((int)sizeof(chars) - 1)

static int char_index(char c)
{
	const char *p = c ? strchr(chars, c) : NULL;
	return p ? (int)(p - chars) : -1;
}

/* n random characters of the alphabet, uniformly: bytes past the last
 * whole multiple of 62 are drawn again. */
static void random_chars(char *out, int n)
{
	int i = 0;
	while (i < n) {
		unsigned char buf[64];
		if (crypto_api()->RAND_bytes(buf, sizeof(buf)) != 1)
			g_error("no random bytes from libcrypto");
		for (gsize k = 0; k < sizeof(buf) && i < n; k++)
			if (buf[k] < 4 * NCHARS)
				out[i++] = chars[buf[k] % NCHARS];
	}
}

char *csrf_secret_new(void)
{
	char *s = g_malloc(CSRF_SECRET_LEN + 1);
	random_chars(s, CSRF_SECRET_LEN);
	s[CSRF_SECRET_LEN] = '\0';
	return s;
}

gboolean csrf_secret_valid(const char *s)
{
	if (!s || strlen(s) != CSRF_SECRET_LEN)
		return FALSE;
	for (const char *p = s; *p; p++)
		if (char_index(*p) < 0)
			return FALSE;
	return TRUE;
}

char *csrf_mask(const char *secret)
{
	char *t = g_malloc(CSRF_TOKEN_LEN + 1);
	random_chars(t, CSRF_SECRET_LEN);
	for (int i = 0; i < CSRF_SECRET_LEN; i++)
		t[CSRF_SECRET_LEN + i] =
			chars[(char_index(secret[i]) + char_index(t[i])) %
			      NCHARS];
	t[CSRF_TOKEN_LEN] = '\0';
	return t;
}

char *csrf_unmask(const char *token)
{
	gsize len = token ? strlen(token) : 0;
	if (len == CSRF_SECRET_LEN)
		return csrf_secret_valid(token) ? g_strdup(token) : NULL;
	if (len != CSRF_TOKEN_LEN)
		return NULL;
	char *s = g_malloc(CSRF_SECRET_LEN + 1);
	for (int i = 0; i < CSRF_SECRET_LEN; i++) {
		int mask = char_index(token[i]);
		int cipher = char_index(token[CSRF_SECRET_LEN + i]);
		if (mask < 0 || cipher < 0) {
			g_free(s);
			return NULL;
		}
		s[i] = chars[(cipher - mask + NCHARS) % NCHARS];
	}
	s[CSRF_SECRET_LEN] = '\0';
	return s;
}

gboolean csrf_safe_method(const char *method)
{
	return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0 ||
	       strcmp(method, "OPTIONS") == 0 || strcmp(method, "TRACE") == 0;
}

/* Django's origin and referer checks; NULL when they pass. */
static char *check_origin(const struct request *req)
{
	const char *site = req->base_url ? req->base_url : "";
	if (req->origin) {
		if (g_ascii_strcasecmp(req->origin, site) != 0)
			return g_strdup_printf(
				"Origin checking failed - %s does not match "
				"any trusted origins.",
				req->origin);
		return NULL;
	}
	if (g_ascii_strncasecmp(site, "https:", 6) != 0)
		return NULL;
	/* Under https a request without Origin must come from a page of
	 * the site (the referer of a man in the middle's page is not). */
	if (!req->referer)
		return g_strdup("Referer checking failed - no Referer.");
	gsize n = strlen(site);
	if (g_ascii_strncasecmp(req->referer, site, n) != 0 ||
	    (req->referer[n] != '/' && req->referer[n] != '\0'))
		return g_strdup("Referer checking failed - Referer does not "
				"match any trusted origins.");
	return NULL;
}

char *csrf_check(const struct request *req, const char *secret,
		 const char *token)
{
	char *origin = check_origin(req);
	if (origin)
		return origin;
	if (!csrf_secret_valid(secret))
		return g_strdup("CSRF cookie not set.");
	if (!token || !*token)
		return g_strdup("CSRF token missing.");
	g_autofree char *given = csrf_unmask(token);
	if (!given ||
	    crypto_api()->CRYPTO_memcmp(given, secret, CSRF_SECRET_LEN) != 0)
		return g_strdup("CSRF token incorrect.");
	return NULL;
}
