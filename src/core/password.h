/*
 * Passwords in Django's format and API tokens in Django REST Framework's,
 * so that users imported from a Patchwork database keep their passwords
 * and tokens, and a database darn wrote can go back to Patchwork.
 *
 * A password is stored as "pbkdf2_sha256$<iterations>$<salt>$<base64 of
 * the derived key>" (Django's PBKDF2PasswordHasher); hashes of Django's
 * older "pbkdf2_sha1" hasher are checked too. libcrypto does the work and
 * is loaded on first use (util/crypto-dl.h).
 */
#ifndef DARN_CORE_PASSWORD_H
#define DARN_CORE_PASSWORD_H

#include <glib.h>

/* Django 4.2's iteration count for new hashes (Patchwork 3.1 runs on
 * Django 4.2). Checking uses the count stored in each hash. */
#define PASSWORD_ITERATIONS 600000

/* The encoded hash of `password` (UTF-8) with a fresh random salt of 22
 * letters and digits, as Django makes them. Caller frees. */
char *password_hash(const char *password);

/* The same with a given salt (no '$') and iteration count: tests and
 * vectors. NULL when the salt contains '$' or iterations < 1. */
char *password_hash_with(const char *password, const char *salt,
			 int iterations);

/* TRUE when `password` matches `encoded`. An empty or unusable ("!...")
 * hash, an unknown algorithm or a malformed hash never matches. The
 * derived keys are compared in constant time. */
gboolean password_check(const char *password, const char *encoded);

/* Spends the time of one check of a default hash and discards it: called
 * when the user does not exist, so that a wrong username costs what a
 * wrong password costs (Django's ModelBackend does the same). */
void password_check_decoy(const char *password);

#endif
