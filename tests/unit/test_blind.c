/* SPDX-License-Identifier: MIT */
/* Blind screening's redaction: what must go, what must stay, offsets kept. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "resume/blind.h"

static char *
redacted(const char *in, size_t *n)
{
    char *t = strdup(in);
    *n = blind_redact(t, strlen(t));
    cr_assert_eq(strlen(t), strlen(in), "redaction keeps the length (offsets stay valid)");
    return t;
}

Test(blind, labelled_lines_are_blanked)
{
    size_t n;
    char *t = redacted("Kai Brenner\n"
                       "Date of birth: 4 May 1988\n"
                       "- Nationality: Ruritanian\n"
                       "Marital status - married, two children\n"
                       "Address: 12 Quill Lane, Harbourtown\n"
                       "Age: 37\n"
                       "Born 1988 in Harbourtown\n"
                       "Gender: F\n"
                       "Skills: Go, PostgreSQL\n",
                       &n);
    cr_assert_eq(n, 7, "%zu", n);
    cr_assert_null(strstr(t, "1988"));
    cr_assert_null(strstr(t, "Ruritanian"));
    cr_assert_null(strstr(t, "married"));
    cr_assert_null(strstr(t, "Quill"));
    cr_assert_null(strstr(t, "37"));
    cr_assert_null(strstr(t, "Gender"));
    cr_assert_not_null(strstr(t, "Kai Brenner"), "the name is the caller's to drop");
    cr_assert_not_null(strstr(t, "Skills: Go, PostgreSQL"));
    free(t);
}

Test(blind, gendered_words_go_and_look_alikes_stay)
{
    size_t n;
    char *t = redacted("She led the team; her service handled this and his reports.\n"
                       "Mrs. Quill, chairman of the board, addressed the ages-old problem.\n",
                       &n);
    cr_assert_null(strstr(t, "She "));
    cr_assert_null(strstr(t, " her "));
    cr_assert_null(strstr(t, " his "));
    cr_assert_null(strstr(t, "Mrs"));
    cr_assert_not_null(strstr(t, "this"), "words are matched whole");
    cr_assert_not_null(strstr(t, "chairman"));
    cr_assert_not_null(strstr(t, "addressed the ages-old"), "not a label: no colon");
    cr_assert_eq(n, 4, "%zu", n);
    free(t);
}

Test(blind, image_captions_are_blanked)
{
    size_t n;
    char *t = redacted("# Ada Quill\n![Photo of me at the beach](me.jpg)\nBackend engineer\n", &n);
    cr_assert_null(strstr(t, "beach"));
    cr_assert_not_null(strstr(t, "Backend engineer"));
    free(t);
}

Test(blind, empty_and_unterminated_text)
{
    char t[] = "Age:";
    cr_assert_eq(blind_redact(t, 0), 0);
    cr_assert_eq(blind_redact(t, strlen(t)), 1);
    cr_assert_str_eq(t, "    ");
}
