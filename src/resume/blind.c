/* SPDX-License-Identifier: MIT */
/* Redaction for blind screening (resume/blind.h). */
#include "resume/blind.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Labels that open a line stating something a first pass must not see. A label counts
 * when a colon, a dash or a tab follows it (with spaces between), so "Age: 41" and
 * "Nationality - Polish" go but "Address translation in the kernel" stays. */
static const char *const labels[] = {
    "address",
    "home address",
    "postal address",
    "date of birth",
    "birth date",
    "birthday",
    "dob",
    "d.o.b.",
    "born",
    "place of birth",
    "age",
    "nationality",
    "citizenship",
    "citizen",
    "marital status",
    "family status",
    "civil status",
    "children",
    "dependants",
    "dependents",
    "gender",
    "sex",
    "religion",
    "photo",
    "photograph",
    "picture",
    "height",
    "weight",
    "visa status",
    "geburtsdatum",
    "familienstand",
    "staatsangehörigkeit",
    "nationalité",
    "date de naissance",
    "état civil",
    "fecha de nacimiento",
    "estado civil",
    "nacionalidad",
};

/* Words that say or suggest a gender or family status, blanked wherever they stand alone. */
static const char *const words[] = {
    "he",        "she",       "him",       "her",       "his",        "hers",      "himself",
    "herself",   "mr",        "mrs",       "ms",        "miss",       "male",      "female",
    "man",       "woman",     "men",       "women",     "husband",    "wife",      "married",
    "unmarried", "divorced",  "widowed",   "widow",     "widower",    "mother",    "father",
    "maternity", "paternity", "pregnant",  "pregnancy", "girlfriend", "boyfriend", "son",
    "daughter",  "sons",      "daughters",
};

static bool
is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Whether the line [p, end) opens with a label, after bullets, '#' and spaces. */
static bool
labelled(const char *p, const char *end)
{
    while (p < end && strchr(" \t-*#>•|", *p))
        p++;
    if (p + 2 < end && (unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
        (unsigned char)p[2] == 0xa2)
        p += 3; /* a bullet */
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        size_t n = strlen(labels[i]);
        const char *q = p + n;
        if ((size_t)(end - p) < n || strncasecmp(p, labels[i], n) != 0)
            continue;
        if (q < end && is_word_byte((unsigned char)*q) && *q != '.')
            continue; /* "ages", "Addressing" */
        if (!strcmp(labels[i], "born") && q < end && *q == ' ')
            return true; /* "Born 1984 in ..." */
        while (q < end && *q == ' ')
            q++;
        if (q < end && (*q == ':' || *q == '-' || *q == '\t' || *q == '|'))
            return true;
        if (q + 2 < end && !memcmp(q, "\xe2\x80\x93", 3))
            return true; /* an en dash */
    }
    return false;
}

/* Markdown images and HTML alt texts keep captions: ![caption](...) is blanked whole. */
static size_t
blank_images(char *p, char *end)
{
    size_t n = 0;
    for (char *s = p; s + 1 < end; s++) {
        char *close;
        if (s[0] != '!' || s[1] != '[')
            continue;
        close = memchr(s, ')', (size_t)(end - s));
        if (!close)
            break;
        memset(s, ' ', (size_t)(close - s + 1));
        s = close;
        n++;
    }
    return n;
}

size_t
blind_redact(char *text, size_t len)
{
    char *end = text + len, *line = text;
    size_t n = 0;

    while (line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        char *le = nl ? nl : end;
        if (labelled(line, le)) {
            memset(line, ' ', (size_t)(le - line));
            n++;
        } else {
            n += blank_images(line, le);
            for (char *w = line; w < le;) {
                char *we = w;
                while (we < le && is_word_byte((unsigned char)*we))
                    we++;
                if (we > w) {
                    size_t wl = (size_t)(we - w);
                    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
                        if (strlen(words[i]) == wl && !strncasecmp(w, words[i], wl)) {
                            memset(w, ' ', wl);
                            n++;
                            break;
                        }
                    }
                    w = we;
                } else {
                    w++;
                }
            }
        }
        line = le + 1;
    }
    return n;
}
