/* SPDX-License-Identifier: MIT */
/* Unicode helpers: what search, dedupe and near-duplicate checks rely on. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/bank.h"
#include "util/buf.h"
#include "util/text.h"

Test(text, utf8_validation_finds_the_first_bad_byte)
{
    size_t bad = 0;
    cr_assert(text_utf8_valid("caf\xc3\xa9", 5, &bad));
    cr_assert_not(text_utf8_valid("ab\xe9"
                                  "cd",
                                  5, &bad));
    cr_assert_eq(bad, 2);
    cr_assert_not(text_utf8_valid("a\0b", 3, &bad), "NUL is not text");
    cr_assert_eq(bad, 1);
    cr_assert_not(text_utf8_valid("\xed\xa0\x80", 3, &bad), "surrogates are not UTF-8");
}

Test(text, fold_ignores_case_accents_and_width)
{
    char *a = text_fold("Caf\xc3\xa9 \xef\xbc\xa1PI", strlen("Caf\xc3\xa9 \xef\xbc\xa1PI"));
    cr_assert_str_eq(a, "cafe api");
    free(a);
    a = text_fold("bad \xff byte", 10);
    cr_assert_not_null(strstr(a, "bad"), "invalid bytes are replaced, not fatal");
    free(a);
}

struct words {
    char list[256];
};

static int
collect(const char *w, size_t n, void *ctx)
{
    struct words *ws = ctx;
    size_t len = strlen(ws->list);
    snprintf(ws->list + len, sizeof ws->list - len, "%.*s|", (int)n, w);
    return 0;
}

Test(text, words_keep_language_names_whole)
{
    struct words ws = {""};
    const char *s = "C++, C# and Go; \xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 x2";
    text_words(s, strlen(s), collect, &ws);
    cr_assert_str_eq(ws.list, "C++|C#|and|Go|\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82|x2|");
}

Test(text, slug_is_ascii_and_bounded)
{
    char *s = text_slug("What is  an Index?", 18, 64);
    cr_assert_str_eq(s, "what-is-an-index");
    free(s);
    s = text_slug("\xe4\xbb\x80\xe4\xb9\x88", 6, 64);
    cr_assert_str_eq(s, "x", "nothing ASCII left gives a placeholder, never empty");
    free(s);
    s = text_slug("abcdefghij", 10, 4);
    cr_assert_str_eq(s, "abcd");
    free(s);
}

Test(text, similarity_separates_rewordings_from_different_questions)
{
    const char *a = "How would you design a rate limiter for a public API with many clients?";
    const char *b = "How would you design a rate limiter for a public API with many tenants?";
    const char *c = "Explain the difference between optimistic and pessimistic locking.";
    cr_assert_gt(bank_similarity(a, strlen(a), b, strlen(b)), BANK_NEAR_DUP);
    cr_assert_lt(bank_similarity(a, strlen(a), c, strlen(c)), 0.1);
    cr_assert_float_eq(bank_similarity(a, strlen(a), a, strlen(a)), 1.0, 1e-9);
}

Test(buf, refuses_to_grow_past_its_limit)
{
    struct buf b;
    buf_init(&b, 8);
    cr_assert_eq(buf_puts(&b, "12345678"), RB_OK);
    cr_assert_eq(buf_putc(&b, '9'), RB_ETOOBIG);
    cr_assert_eq(buf_printf(&b, "%d", 1), RB_ETOOBIG);
    cr_assert_str_eq(buf_str(&b), "12345678", "a refused append changes nothing");
    buf_cleanup(&b);
}

Test(text, clip_keeps_short_arguments_and_cuts_long_ones_at_a_character)
{
    char out[TEXT_CLIP_SIZE], big[4096];
    const char *r;
    size_t bad;
    cr_assert_eq(text_clip("k8s", out), (const char *)"k8s", "a short argument is itself");
    /* 'é' is two bytes: a cut never leaves half of one */
    for (size_t i = 0; i + 2 < sizeof big; i += 2)
        memcpy(big + i, "\xc3\xa9", 2);
    big[sizeof big - 2] = '\0';
    r = text_clip(big, out);
    cr_assert_eq(r, out);
    cr_assert_lt(strlen(r), TEXT_CLIP_SIZE);
    cr_assert(strstr(r, "... (4094 bytes)"), "got %s", r);
    cr_assert(text_utf8_valid(r, strlen(r), &bad), "the cut split a character: %s", r);
}
