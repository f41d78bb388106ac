/*
 * Django password hashes and DRF tokens (see password.h): PBKDF2 through
 * libcrypto, Django's encoding around it.
 */
#include "core/password.h"

#include "util/crypto-dl.h"
#include "util/random.h"

#define SALT_LENGTH 22 /* Django 4.2: 128 bits of [a-zA-Z0-9] */
#define MAX_ITERATIONS 100000000

static char *random_salt(void)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz"
				       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	char *salt = g_malloc(SALT_LENGTH + 1);
	int n = 0;
	while (n < SALT_LENGTH) {
		unsigned char buf[32];
		random_bytes(buf, sizeof(buf));
		/* 248 = 4 * 62: reject the rest so every letter is equally
		 * likely. */
		for (gsize i = 0; i < sizeof(buf) && n < SALT_LENGTH; i++)
			if (buf[i] < 248)
				salt[n++] = alphabet[buf[i] % 62];
	}
	salt[n] = '\0';
	return salt;
}

/* base64 of PBKDF2-HMAC(md) over password and salt; NULL when libcrypto
 * refuses (lengths beyond int). */
static char *derive(const EVP_MD *md, int len, const char *password,
		    const char *salt, int iterations)
{
	const struct crypto_api *c = crypto_api();
	unsigned char key[EVP_MAX_MD_SIZE];
	gsize plen = strlen(password), slen = strlen(salt);

	if (plen > G_MAXINT || slen > G_MAXINT)
		return NULL;
	if (c->PKCS5_PBKDF2_HMAC(password, (int)plen,
				 (const unsigned char *)salt, (int)slen,
				 iterations, md, len, key) != 1)
		return NULL;
	return g_base64_encode(key, len);
}

char *password_hash_with(const char *password, const char *salt, int iterations)
{
	if (strchr(salt, '$') || iterations < 1)
		return NULL;
	g_autofree char *key = derive(crypto_api()->EVP_sha256(), 32, password,
				      salt, iterations);
	if (!key)
		return NULL;
	return g_strdup_printf("pbkdf2_sha256$%d$%s$%s", iterations, salt, key);
}

char *password_hash(const char *password)
{
	g_autofree char *salt = random_salt();
	return password_hash_with(password, salt, PASSWORD_ITERATIONS);
}

gboolean password_check(const char *password, const char *encoded)
{
	const struct crypto_api *c = crypto_api();
	/* algorithm$iterations$salt$hash, split as Django does (at most
	 * three times). */
	g_auto(GStrv) parts = g_strsplit(encoded, "$", 4);
	const EVP_MD *md;
	int len;
	char *end;

	if (g_strv_length(parts) != 4)
		return FALSE;
	if (strcmp(parts[0], "pbkdf2_sha256") == 0) {
		md = c->EVP_sha256();
		len = 32;
	} else if (strcmp(parts[0], "pbkdf2_sha1") == 0) {
		md = c->EVP_sha1();
		len = 20;
	} else {
		return FALSE;
	}
	if (!g_ascii_isdigit(parts[1][0]))
		return FALSE;
	guint64 iterations = g_ascii_strtoull(parts[1], &end, 10);
	if (*end || iterations < 1 || iterations > MAX_ITERATIONS)
		return FALSE;

	g_autofree char *key =
		derive(md, len, password, parts[2], (int)iterations);
	gsize n = key ? strlen(key) : 0;
	return key && n == strlen(parts[3]) &&
	       c->CRYPTO_memcmp(key, parts[3], n) == 0;
}

void password_check_decoy(const char *password)
{
	/* the salt is any 22-character one: the result is thrown away */
	g_free(derive(crypto_api()->EVP_sha256(), 32, password,
		      "darndarndarndarndarnda", PASSWORD_ITERATIONS));
}
