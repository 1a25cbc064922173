/* SPDX-License-Identifier: MIT */
/* libsodium behind util/crypto.h. */
#include "util/crypto.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum rb_err
crypto_setup(void)
{
    return sodium_init() < 0 ? RB_EINTERNAL : RB_OK;
}

void
crypto_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, data, len);
    sodium_bin2hex(out, 65, d, sizeof d);
}

void
crypto_token(const char *prefix, char *out)
{
    unsigned char raw[32];
    size_t n = strlen(prefix);
    if (n > 16)
        n = 16;
    snprintf(out, CRYPTO_TOKEN_MAX, "%.*s", (int)n, prefix);
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out + n, CRYPTO_TOKEN_MAX - n, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void
crypto_token_hash(const char *token, char out[65])
{
    unsigned char d[32];
    crypto_generichash(d, sizeof d, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, d, sizeof d);
}

enum rb_err
crypto_password_hash(const char *password, size_t len, char *out)
{
    static_assert(crypto_pwhash_STRBYTES <= CRYPTO_PWHASH_MAX, "room for the PHC string");
    if (crypto_pwhash_str_alg(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        return RB_EINTERNAL;
    return RB_OK;
}

bool
crypto_password_verify(const char *hash, const char *password, size_t len)
{
    return crypto_pwhash_str_verify(hash, password, len) == 0;
}

bool
crypto_equal(const void *a, const void *b, size_t n)
{
    return sodium_memcmp(a, b, n) == 0;
}
