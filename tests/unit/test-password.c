/*
 * Django password hashes (vectors computed with Python's
 * hashlib.pbkdf2_hmac, which is what Django's PBKDF2PasswordHasher
 * calls), API tokens, and the lenient base64 of HTTP Basic credentials
 * (vectors from Python's base64.b64decode).
 */
#include "core/password.h"
#include "util/random.h"
#include "http/auth.h"

static void test_vectors(void)
{
	g_autofree char *h = password_hash_with("secret", "seasalt", 1000);
	g_assert_cmpstr(h, ==,
			"pbkdf2_sha256$1000$seasalt$"
			"+hs9qSCcGyNSGDNojIEbomuX9WI/mzTF5yfwAXqyKOo=");
	g_autofree char *empty = password_hash_with("", "seasalt", 1);
	g_assert_cmpstr(empty, ==,
			"pbkdf2_sha256$1$seasalt$"
			"7uPyO44geqCt/Nv3ztly1adSqh5hHCYtGPDoMYOOBWU=");
	g_assert_null(password_hash_with("x", "a$b", 1000));
	g_assert_null(password_hash_with("x", "ab", 0));
}

static void test_check(void)
{
	/* A hash as Django 4.2 writes it: default iterations, 22-letter
	 * salt, non-ASCII password (encoded as UTF-8). */
	const char *django = "pbkdf2_sha256$600000$Nz0ZTBtZ6Qk8yWF2qL3Xr1$"
			     "HLMEIgKjKHD3X7u4azTpAGidCQ9gSxyjSI3cTcQEs7w=";
	g_assert_true(password_check("pässwörd 🔑", django));
	g_assert_false(password_check("pässwörd", django));
	/* Django's older SHA-1 hasher. */
	const char *sha1 = "pbkdf2_sha1$1000$seasalt$"
			   "479Zup/w5R6ptaWDmRzkiSxBZWQ=";
	g_assert_true(password_check("secret", sha1));
	g_assert_false(password_check("Secret", sha1));
	/* Never match: no password, unusable, unknown algorithm, bad
	 * iteration counts, a truncated or altered hash. */
	static const char *const never[] = {
		"",
		"!",
		"!pbkdf2_sha256$1000$seasalt$"
		"+hs9qSCcGyNSGDNojIEbomuX9WI/mzTF5yfwAXqyKOo=",
		"argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA",
		"md5$seasalt$5ebe2294ecd0e0f08eab7690d2a6ee69",
		"pbkdf2_sha256$0$seasalt$"
		"+hs9qSCcGyNSGDNojIEbomuX9WI/mzTF5yfwAXqyKOo=",
		"pbkdf2_sha256$-1$seasalt$"
		"+hs9qSCcGyNSGDNojIEbomuX9WI/mzTF5yfwAXqyKOo=",
		"pbkdf2_sha256$1000x$seasalt$"
		"+hs9qSCcGyNSGDNojIEbomuX9WI/mzTF5yfwAXqyKOo=",
		"pbkdf2_sha256$1000$seasalt$"
		"+hs9qSCcGyNSGDNojIEbomuX9WI/mzTF5yfwAXqyKOo",
		"pbkdf2_sha256$1000$seasalt$"
		"+hs9qSCcGyNSGDNojIEbomuX9WI/mzTF5yfwAXqyKOp=",
		"pbkdf2_sha256$1000$seasalt",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(never); i++)
		g_assert_false(password_check("secret", never[i]));
	g_assert_true(password_check(
		"secret", "pbkdf2_sha256$1000$seasalt$"
			  "+hs9qSCcGyNSGDNojIEbomuX9WI/mzTF5yfwAXqyKOo="));
}

static void test_fresh_hash(void)
{
	g_autofree char *a = password_hash("correct horse");
	g_autofree char *b = password_hash("correct horse");
	g_auto(GStrv) parts = g_strsplit(a, "$", -1);

	g_assert_cmpuint(g_strv_length(parts), ==, 4);
	g_assert_cmpstr(parts[0], ==, "pbkdf2_sha256");
	g_assert_cmpstr(parts[1], ==, "600000");
	g_assert_cmpuint(strlen(parts[2]), ==, 22);
	for (const char *c = parts[2]; *c; c++)
		g_assert_true(g_ascii_isalnum(*c));
	g_assert_cmpuint(strlen(parts[3]), ==, 44);
	g_assert_cmpstr(a, !=, b); /* fresh salts */
	g_assert_true(password_check("correct horse", a));
	g_assert_false(password_check("correct horse ", a));
}

static void test_token(void)
{
	g_autofree char *a = random_token_new();
	g_autofree char *b = random_token_new();
	g_assert_cmpuint(strlen(a), ==, 40);
	for (const char *c = a; *c; c++)
		g_assert_true(g_ascii_isdigit(*c) || (*c >= 'a' && *c <= 'f'));
	g_assert_cmpstr(a, !=, b);
}

static void test_b64(void)
{
	static const struct {
		const char *in, *out; /* out NULL: Python raises */
	} v[] = {
		{"YWxpY2U6c2VjcmV0", "alice:secret"},
		{"YWxpY2U6c2VjcmV0=", "alice:secret"},
		{"YWxp!Y2U6c2VjcmV0", "alice:secret"},
		{"YWE=YWE=", "aa"},
		{"YQ==x", "a"},
		{"Y=Q==", "a"},
		{"", ""},
		{"YWE", NULL},
		{"YWFhY", NULL},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		g_autoptr(GByteArray) got = http_b64decode_lenient(v[i].in);
		if (!v[i].out) {
			g_assert_null(got);
			continue;
		}
		g_assert_nonnull(got);
		g_assert_cmpmem(got->data, got->len, v[i].out,
				strlen(v[i].out));
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/password/vectors", test_vectors);
	g_test_add_func("/password/check", test_check);
	g_test_add_func("/password/fresh-hash", test_fresh_hash);
	g_test_add_func("/password/token", test_token);
	g_test_add_func("/password/basic-base64", test_b64);
	return g_test_run();
}
