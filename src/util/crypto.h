/* SPDX-License-Identifier: MIT */
/*
 * The few cryptographic operations Rubric needs, all from libsodium (whose header stays in
 * util/crypto.c): SHA-256 of content, random tokens, hashes of tokens for storage,
 * argon2id password hashes, and comparisons that take the same time whatever the bytes.
 */
#ifndef RUBRIC_UTIL_CRYPTO_H
#define RUBRIC_UTIL_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* Initialises libsodium; call once before threads start. RB_EINTERNAL if it cannot. */
enum rb_err crypto_setup(void);

/* The hex SHA-256 of data into out (65 bytes with the NUL). */
void crypto_sha256_hex(const void *data, size_t len, char out[65]);

/* A new random token: prefix followed by 43 characters of URL-safe base64 (32 random
 * bytes), into out (at least CRYPTO_TOKEN_MAX bytes). */
#define CRYPTO_TOKEN_MAX 64
void crypto_token(const char *prefix, char *out);

/* The hex BLAKE2b-256 of a token, which is what the store keeps (65 bytes with the NUL). */
void crypto_token_hash(const char *token, char out[65]);

/* An argon2id hash of password in the PHC string format (out: CRYPTO_PWHASH_MAX bytes).
 * RB_EINTERNAL when memory for the hash cannot be had. */
#define CRYPTO_PWHASH_MAX 128
enum rb_err crypto_password_hash(const char *password, size_t len, char *out);
/* Whether password matches hash; a malformed hash never matches. */
bool crypto_password_verify(const char *hash, const char *password, size_t len);

/* Whether a and b (n bytes each) are equal, in time independent of their content. */
bool crypto_equal(const void *a, const void *b, size_t n);

#endif
