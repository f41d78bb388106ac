/*
 * Allowed hosts (src/http/host.c): Django's host validation,
 * split_domain_port() and is_same_domain(), the default list from the
 * listen address, and the base URL of links.
 */
#include "http/host.h"

static void test_domain(void)
{
	static const struct {
		const char *host, *domain; /* NULL: invalid */
	} v[] = {
		{"example.com", "example.com"},
		{"Example.COM:8000", "example.com"},
		{"example.com.", "example.com"},
		{"example.com.:80", "example.com"},
		{"127.0.0.1:8000", "127.0.0.1"},
		{"[::1]", "[::1]"},
		{"[::1]:8000", "[::1]"},
		{"[2001:DB8::1]:443", "[2001:db8::1]"},
		{"[::ffff:127.0.0.1]", "[::ffff:127.0.0.1]"},
		{"", NULL},
		{".", NULL},
		{"a b", NULL},
		{"a_b.example", NULL},
		{"evil.example\"><script>", NULL},
		{"example.com:", NULL},
		{"example.com:80x", NULL},
		{"example.com:80:80", NULL},
		{"[::1", NULL},
		{"[]", NULL},
		{"[1]", NULL},
		{"[:]", NULL},
		{"[zz::1]", NULL},
		{"[::1]x", NULL},
		{"user@example.com", NULL},
		{"example.com/x", NULL},
		{"ex\xc3\xa4mple.com", NULL},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_autofree char *d = http_host_domain(v[i].host);
		g_assert_cmpstr(d, ==, v[i].domain);
	}
	g_autofree char *long_host = g_strnfill(400, 'a');
	g_assert_null(http_host_domain(long_host));
}

/* The base URL for Host `host` with the given settings, or NULL. */
static char *base(const char *allowed, const char *listen, const char *base_url,
		  const char *host)
{
	g_autoptr(http_hosts) h = http_hosts_new(allowed, listen, base_url);
	return http_hosts_base_url(h, host);
}

static void check(const char *allowed, const char *listen, const char *base_url,
		  const char *host, const char *want)
{
	g_autofree char *got = base(allowed, listen, base_url, host);
	g_assert_cmpstr(got, ==, want);
}

static void test_default_list(void)
{
	/* the listen host, localhost, 127.0.0.1, [::1]; any port */
	check(NULL, "10.1.2.3:8000", NULL, "10.1.2.3:8000",
	      "http://10.1.2.3:8000");
	check("", "10.1.2.3:8000", "", "LOCALHOST:1", "http://LOCALHOST:1");
	check(NULL, "10.1.2.3:8000", NULL, "127.0.0.1", "http://127.0.0.1");
	check(NULL, "10.1.2.3:8000", NULL, "[::1]:80", "http://[::1]:80");
	check(NULL, "10.1.2.3:8000", NULL, "10.1.2.4:8000", NULL);
	check(NULL, "10.1.2.3:8000", NULL, "evil.example", NULL);
	check(NULL, "10.1.2.3:8000", NULL, "sub.localhost", NULL);
	/* every form of --listen */
	check(NULL, "[2001:db8::5]:8000", NULL, "[2001:DB8::5]:8000",
	      "http://[2001:DB8::5]:8000");
	check(NULL, "2001:db8::5", NULL, "[2001:db8::5]",
	      "http://[2001:db8::5]");
	check(NULL, "Patches.Example:8000", NULL, "patches.example",
	      "http://patches.example");
	check(NULL, "patches.example", NULL, "patches.example:80",
	      "http://patches.example:80");
	check(NULL, "8000", NULL, "localhost:8000", "http://localhost:8000");
	check(NULL, "8000", NULL, "10.1.2.3:8000", NULL);
	/* a wildcard address names no host */
	check(NULL, "0.0.0.0:8000", NULL, "0.0.0.0:8000", NULL);
	check(NULL, "[::]:8000", NULL, "[::]:8000", NULL);
}

static void test_configured_list(void)
{
	const char *list = " .Example.org,patches.example.com\t[::2] ";
	check(list, "127.0.0.1:8000", NULL, "example.org",
	      "http://example.org");
	check(list, "127.0.0.1:8000", NULL, "a.b.example.org:8443",
	      "http://a.b.example.org:8443");
	check(list, "127.0.0.1:8000", NULL, "badexample.org", NULL);
	check(list, "127.0.0.1:8000", NULL, "example.org.evil", NULL);
	check(list, "127.0.0.1:8000", NULL, "PATCHES.example.com",
	      "http://PATCHES.example.com");
	check(list, "127.0.0.1:8000", NULL, "x.patches.example.com", NULL);
	check(list, "127.0.0.1:8000", NULL, "[::2]:1", "http://[::2]:1");
	/* the configured list replaces the default one */
	check(list, "127.0.0.1:8000", NULL, "127.0.0.1:8000", NULL);
	check(list, "127.0.0.1:8000", NULL, "localhost", NULL);
	check("*", "127.0.0.1:8000", NULL, "any.where:1", "http://any.where:1");
	check("*", "127.0.0.1:8000", NULL, "any where", NULL);
}

static void test_base_url(void)
{
	/* a base URL: Host not used nor checked against a list... */
	check(NULL, "127.0.0.1:8000", "https://p.example", "evil.example",
	      "https://p.example");
	/* ...but a Host that is not a host is still refused */
	check("", "127.0.0.1:8000", "https://p.example", "a b", NULL);
	/* ...unless allowed_hosts is set */
	check("p.example", "127.0.0.1:8000", "https://p.example",
	      "evil.example", NULL);
	check("p.example", "127.0.0.1:8000", "https://p.example",
	      "p.example:443", "https://p.example");
}

static void test_no_host(void)
{
	/* HTTP/1.0 without Host: the listen address */
	check(NULL, "127.0.0.1:8000", NULL, NULL, "http://127.0.0.1:8000");
	check(NULL, "[::1]:8000", NULL, NULL, "http://[::1]:8000");
	check(NULL, "0.0.0.0:8000", NULL, NULL, "http://localhost:8000");
	check(NULL, "8000", NULL, NULL, "http://localhost:8000");
	check(NULL, "127.0.0.1:8000", "https://p.example", NULL,
	      "https://p.example");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/http-host/domain", test_domain);
	g_test_add_func("/http-host/default-list", test_default_list);
	g_test_add_func("/http-host/configured-list", test_configured_list);
	g_test_add_func("/http-host/base-url", test_base_url);
	g_test_add_func("/http-host/no-host", test_no_host);
	return g_test_run();
}
