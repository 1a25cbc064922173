/* SPDX-License-Identifier: MIT */
/*
 * Reading resume files: format detection, text encodings, HTML, JSON Resume, DOCX (built
 * here with libzip, including bombs and broken archives) and PDF (built here by hand and
 * read by the real pdftotext), and the one-line reasons for what cannot be read.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "extract/extract.h"
#include "util/buf.h"

static void
no_sigpipe(void)
{
    signal(SIGPIPE, SIG_IGN); /* as main does */
}

TestSuite(extract, .init = no_sigpipe);

static enum rb_err
extract(const char *name, const void *data, size_t len, struct extracted *e, char *msg)
{
    return extract_buffer(name, data, len, NULL, e, msg);
}

Test(extract, detects_formats_by_content)
{
    cr_assert_eq(extract_detect("cv.txt", (const unsigned char *)"%PDF-1.4 ...", 12), FMT_PDF,
                 "content wins over the name");
    cr_assert_eq(extract_detect("cv.pdf", (const unsigned char *)"PK\x03\x04....", 8), FMT_DOCX);
    cr_assert_eq(extract_detect("cv", (const unsigned char *)"  {\"basics\":{}}", 15),
                 FMT_JSON_RESUME);
    cr_assert_eq(extract_detect("cv", (const unsigned char *)"<!DOCTYPE html><p>x", 19), FMT_HTML);
    cr_assert_eq(extract_detect("cv.md", (const unsigned char *)"# Jane", 6), FMT_MARKDOWN);
    cr_assert_eq(extract_detect("cv", (const unsigned char *)"Jane Doe", 8), FMT_TEXT);
    cr_assert_eq(extract_detect("cv", (const unsigned char *)"\x89PNG\r\n\x1a\n\0\0", 10),
                 FMT_UNKNOWN);
}

Test(extract, decodes_utf16_and_windows_1252)
{
    const char *note;
    enum rb_err rc;
    /* "Zoë Ng" in UTF-16LE with a BOM */
    static const unsigned char u16[] = {0xFF, 0xFE, 'Z', 0,   'o', 0,   0xEB,
                                        0,    ' ',  0,   'N', 0,   'g', 0};
    char *t = extract_decode_text(u16, sizeof u16, 1000, &note, &rc);
    cr_assert_str_eq(t, "Zo\xC3\xAB Ng");
    cr_assert_str_eq(note, "converted from UTF-16");
    free(t);
    /* Windows-1252: e-acute and an en dash (0x96) */
    t = extract_decode_text((const unsigned char *)"Jos\xE9 \x96 dev", 10, 1000, &note, &rc);
    cr_assert_str_eq(t, "Jos\xC3\xA9 \xE2\x80\x93 dev");
    cr_assert_str_eq(note, "converted from Windows-1252");
    free(t);
    t = extract_decode_text((const unsigned char *)"\xEF\xBB\xBFplain", 8, 1000, &note, &rc);
    cr_assert_str_eq(t, "plain", "the UTF-8 BOM is dropped");
    cr_assert_null(note);
    free(t);
}

Test(extract, html_without_scripts_and_with_lines)
{
    struct extracted e;
    char msg[RB_ERRMSG] = "";
    const char *h = "<html><head><title>T</title><style>p{}</style></head><body>"
                    "<script>alert('x')</script><h1>Jane  Doe</h1><p>Backend engineer, "
                    "eight years of Go and PostgreSQL in production.</p><ul><li>Kafka</li>"
                    "<li>Redis &amp; caching</li></ul></body></html>";
    cr_assert_eq(extract("cv.html", h, strlen(h), &e, msg), RB_OK, "%s", msg);
    cr_assert_eq(e.format, FMT_HTML);
    cr_assert_null(strstr(e.text, "alert"), "scripts are not text");
    cr_assert_not_null(strstr(e.text, "Jane Doe\n"));
    cr_assert_not_null(strstr(e.text, "- Redis & caching"));
    extracted_cleanup(&e);
}

Test(extract, json_resume_examples_of_the_schema_package)
{
    static const char *const files[] = {
        "node_modules/@jsonresume/schema/sample.resume.json",
        "node_modules/@jsonresume/schema/examples/senior-engineer.resume.json",
        "node_modules/@jsonresume/schema/examples/new-grad.resume.json",
        "node_modules/@jsonresume/schema/examples/career-changer.resume.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        struct extracted e;
        char msg[RB_ERRMSG] = "";
        cr_assert_eq(extract_file(files[i], NULL, &e, msg), RB_OK, "%s: %s", files[i], msg);
        cr_assert_eq(e.format, FMT_JSON_RESUME);
        cr_assert_not_null(strstr(e.text, "Experience") ? e.text : strstr(e.text, "Education"),
                           "%s has sections", files[i]);
        extracted_cleanup(&e);
    }
    {
        struct extracted e;
        char msg[RB_ERRMSG] = "";
        cr_assert_eq(extract("x.json", "{\"name\": 1}", 11, &e, msg), RB_EINVAL);
        cr_assert_not_null(strstr(msg, "not a JSON Resume"), "%s", msg);
    }
}

/* ---- DOCX ----------------------------------------------------------------------------- */

/* A DOCX in memory with document as word/document.xml (stored compressed); extra further
 * empty entries. Returns new bytes in *out. */
static size_t
make_docx(const char *document, size_t doclen, int extra, bool with_doc, void **out)
{
    zip_error_t err;
    zip_source_t *mem;
    zip_t *za;
    zip_stat_t st;
    size_t n;

    zip_error_init(&err);
    mem = zip_source_buffer_create(NULL, 0, 0, &err);
    zip_source_keep(mem);
    za = zip_open_from_source(mem, ZIP_TRUNCATE, &err);
    cr_assert_not_null(za);
    zip_file_add(za, "[Content_Types].xml", zip_source_buffer(za, "<Types/>", 8, 0),
                 ZIP_FL_OVERWRITE);
    if (with_doc)
        zip_file_add(za, "word/document.xml", zip_source_buffer(za, document, doclen, 0),
                     ZIP_FL_OVERWRITE);
    for (int i = 0; i < extra; i++) {
        char name[32];
        snprintf(name, sizeof name, "extra/%d.xml", i);
        zip_file_add(za, name, zip_source_buffer(za, "", 0, 0), ZIP_FL_OVERWRITE);
    }
    cr_assert_eq(zip_close(za), 0);
    zip_source_stat(mem, &st);
    n = (size_t)st.size;
    *out = malloc(n);
    zip_source_open(mem);
    zip_source_read(mem, *out, n);
    zip_source_close(mem);
    zip_source_free(mem);
    zip_error_fini(&err);
    return n;
}

static const char docxml[] =
    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
    "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Marta Kowalczyk</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Senior backend engineer:</w:t><w:tab/><w:t>Java, Kafka and PostgreSQL"
    "</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>2019 - Present</w:t></w:r></w:p>"
    "</w:tc></w:tr></w:tbl></w:body></w:document>";

Test(extract, docx_text_with_paragraphs_tabs_and_tables)
{
    struct extracted e;
    char msg[RB_ERRMSG] = "";
    void *d;
    size_t n = make_docx(docxml, sizeof docxml - 1, 0, true, &d);
    cr_assert_eq(extract("cv.docx", d, n, &e, msg), RB_OK, "%s", msg);
    cr_assert_eq(e.format, FMT_DOCX);
    cr_assert_not_null(strstr(e.text, "Marta Kowalczyk\n"));
    cr_assert_not_null(strstr(e.text, "engineer:\tJava"));
    cr_assert_not_null(strstr(e.text, "2019 - Present"));
    extracted_cleanup(&e);
    free(d);
}

Test(extract, docx_bombs_and_broken_archives_get_a_reason)
{
    struct extracted e;
    char msg[RB_ERRMSG] = "";
    struct extract_limits lim = extract_default_limits;
    void *d;
    size_t n;
    char *big = malloc(4u << 20);

    /* 4 MiB of one byte compresses about 1000 to 1 */
    memset(big, ' ', 4u << 20);
    memcpy(big, docxml, sizeof docxml - 1);
    n = make_docx(big, 4u << 20, 0, true, &d);
    cr_assert_eq(extract_buffer("bomb.docx", d, n, &lim, &e, msg), RB_ETOOBIG);
    cr_assert_not_null(strstr(msg, "archive bomb"), "%s", msg);
    free(d);
    free(big);

    lim.docx_max_entries = 10;
    n = make_docx(docxml, sizeof docxml - 1, 20, true, &d);
    cr_assert_eq(extract_buffer("many.docx", d, n, &lim, &e, msg), RB_ETOOBIG);
    cr_assert_not_null(strstr(msg, "entries"), "%s", msg);
    free(d);

    n = make_docx(docxml, sizeof docxml - 1, 0, false, &d);
    cr_assert_eq(extract("other.zip", d, n, &e, msg), RB_EINVAL);
    cr_assert_not_null(strstr(msg, "no word/document.xml"), "%s", msg);
    /* cut the archive in half */
    cr_assert_eq(extract("cut.docx", d, n / 2, &e, msg), RB_EINVAL);
    cr_assert_not_null(strstr(msg, "corrupt archive"), "%s", msg);
    free(d);

    n = make_docx("<w:document><w:body><w:p>", 25, 0, true, &d);
    cr_assert_eq(extract("bad.docx", d, n, &e, msg), RB_EINVAL);
    cr_assert_not_null(strstr(msg, "not well-formed"), "%s", msg);
    free(d);
}

/* A DOCX in memory of the parts named (names[i] holding data[i]). Returns new bytes. */
static size_t
make_docx_parts(const char *const *names, const char *const *data, int n, void **out)
{
    zip_error_t err;
    zip_source_t *mem;
    zip_t *za;
    zip_stat_t st;
    size_t len;

    zip_error_init(&err);
    mem = zip_source_buffer_create(NULL, 0, 0, &err);
    zip_source_keep(mem);
    za = zip_open_from_source(mem, ZIP_TRUNCATE, &err);
    cr_assert_not_null(za);
    for (int i = 0; i < n; i++)
        zip_file_add(za, names[i], zip_source_buffer(za, data[i], strlen(data[i]), 0),
                     ZIP_FL_OVERWRITE);
    cr_assert_eq(zip_close(za), 0);
    zip_source_stat(mem, &st);
    len = (size_t)st.size;
    *out = malloc(len);
    zip_source_open(mem);
    zip_source_read(mem, *out, len);
    zip_source_close(mem);
    zip_source_free(mem);
    zip_error_fini(&err);
    return len;
}

#define W_OPEN                                                                                     \
    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"              \
    "wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/"                   \
    "markup-compatibility/2006\"><w:body>"

/* Word templates: the name in the page header (the first page's and the others' alike), a
 * footer, and a position in a text box, which Word writes twice (the drawing, and a VML copy
 * for older readers in mc:Fallback). */
Test(extract, docx_headers_footers_and_text_boxes_read_once)
{
    static const char body[] =
        W_OPEN "<w:p><w:r><w:t>Experience</w:t></w:r></w:p>"
               "<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice "
               "Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>Data Engineer, "
               "Orchard Labs</w:t></w:r></w:p><w:p><w:r><w:t>Summer 2019 - till date</w:t>"
               "</w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
               "<w:txbxContent><w:p><w:r><w:t>Data Engineer, Orchard Labs</w:t></w:r></w:p>"
               "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
               "</w:body></w:document>";
    static const char header[] = W_OPEN "<w:p><w:r><w:t>Noor Vance</w:t></w:r></w:p><w:p><w:r>"
                                        "<w:t>noor.vance@example.org</w:t></w:r></w:p>"
                                        "</w:body></w:document>";
    static const char footer[] =
        W_OPEN "<w:p><w:r><w:t>Page 1</w:t></w:r></w:p></w:body></w:document>";
    const char *const names[] = {"[Content_Types].xml", "word/document.xml", "word/header1.xml",
                                 "word/header2.xml",    "word/footer1.xml",  "word/headerx.xml"};
    const char *const data[] = {"<Types/>", body, header, header, footer, header};
    struct extracted e;
    char msg[RB_ERRMSG] = "";
    void *d;
    size_t n = make_docx_parts(names, data, 6, &d);
    const char *name, *box;

    cr_assert_eq(extract("cv.docx", d, n, &e, msg), RB_OK, "%s", msg);
    name = strstr(e.text, "Noor Vance\nnoor.vance@example.org\n");
    cr_assert_not_null(name, "the header is read: %s", e.text);
    cr_assert_null(strstr(name + 1, "Noor Vance"), "a header alike on every page is read once");
    cr_assert(name < strstr(e.text, "Experience"), "the header comes first: %s", e.text);
    box = strstr(e.text, "\nData Engineer, Orchard Labs\nSummer 2019 - till date\n");
    cr_assert_not_null(box, "the box's lines are its own: %s", e.text);
    cr_assert_null(strstr(box + 2, "Data Engineer"), "the fallback copy is skipped: %s", e.text);
    cr_assert_not_null(strstr(e.text, "Orchard Labs\nSummer"));
    cr_assert(strstr(e.text, "Page 1") > box, "the footer comes last: %s", e.text);
    extracted_cleanup(&e);
    free(d);
}

/* The headers count toward the bytes a document may inflate to. */
Test(extract, docx_headers_share_the_size_limit)
{
    struct extract_limits lim = extract_default_limits;
    struct extracted e;
    char msg[RB_ERRMSG] = "";
    char *big = malloc(3000);
    void *d;
    size_t n;
    memset(big, ' ', 2999);
    big[2999] = '\0';
    memcpy(big, W_OPEN, strlen(W_OPEN));
    {
        const char *const names[] = {"word/document.xml", "word/header1.xml"};
        const char *const data[] = {docxml, big};
        n = make_docx_parts(names, data, 2, &d);
    }
    lim.docx_max_uncompressed = 2000 + sizeof docxml;
    cr_assert_eq(extract_buffer("cv.docx", d, n, &lim, &e, msg), RB_ETOOBIG);
    cr_assert_not_null(strstr(msg, "word/header1.xml"), "%s", msg);
    free(d);
    free(big);
}

/* ---- PDF ------------------------------------------------------------------------------ */

/* A one-page PDF whose content stream is content, with a correct cross-reference table. */
static char *
make_pdf(const char *content, size_t *len)
{
    struct buf b;
    size_t off[6];
    buf_init(&b, 1u << 20);
    buf_puts(&b, "%PDF-1.4\n");
    off[1] = b.len;
    buf_puts(&b, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
    off[2] = b.len;
    buf_puts(&b, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
    off[3] = b.len;
    buf_puts(&b, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                 "/Resources << /Font << /F1 5 0 R >> >> >> endobj\n");
    off[4] = b.len;
    buf_printf(&b, "4 0 obj << /Length %zu >> stream\n%s\nendstream endobj\n", strlen(content),
               content);
    off[5] = b.len;
    buf_puts(&b, "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
    {
        size_t xref = b.len;
        buf_puts(&b, "xref\n0 6\n0000000000 65535 f \n");
        for (int i = 1; i <= 5; i++)
            buf_printf(&b, "%010zu 00000 n \n", off[i]);
        buf_printf(&b, "trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    }
    *len = b.len;
    return buf_take(&b);
}

Test(extract, pdf_through_pdftotext)
{
    struct extracted e;
    char msg[RB_ERRMSG] = "";
    size_t n;
    char *pdf = make_pdf("BT /F1 12 Tf 72 720 Td (Priya Raman, backend engineer since 2016 with "
                         "Go and Kafka) Tj ET",
                         &n);
    cr_assert_eq(extract("cv.bin", pdf, n, &e, msg), RB_OK, "%s", msg);
    cr_assert_eq(e.format, FMT_PDF);
    cr_assert_not_null(strstr(e.text, "Priya Raman, backend engineer"), "%s", e.text);
    extracted_cleanup(&e);
    free(pdf);

    pdf = make_pdf("0.5 g 72 72 200 200 re f", &n); /* a grey box, no text */
    cr_assert_eq(extract("scan.pdf", pdf, n, &e, msg), RB_EINVAL);
    cr_assert_str_eq(msg, "image-only PDF with no text layer");
    free(pdf);

    cr_assert_eq(extract("junk.pdf", "%PDF-1.4\ngarbage", 16, &e, msg), RB_EINVAL);
    cr_assert_not_null(strstr(msg, "PDF"), "%s", msg);
}

Test(extract, empty_large_and_unknown_files)
{
    struct extracted e;
    char msg[RB_ERRMSG] = "";
    struct extract_limits lim = extract_default_limits;
    cr_assert_eq(extract("e.txt", "", 0, &e, msg), RB_EINVAL);
    cr_assert_str_eq(msg, "empty file");
    lim.max_file = 10;
    cr_assert_eq(
        extract_buffer("big.txt", (const unsigned char *)"0123456789abc", 13, &lim, &e, msg),
        RB_ETOOBIG);
    cr_assert_not_null(strstr(msg, "too large"));
    cr_assert_eq(extract("p.png", "\x89PNG\r\n\x1a\n\0\0\0\0", 12, &e, msg), RB_EINVAL);
    cr_assert_str_eq(msg, "an image, not a resume format");
    cr_assert_eq(extract("old.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, &e, msg),
                 RB_EINVAL);
    cr_assert_not_null(strstr(msg, "old Word .doc"));
    cr_assert_eq(extract("short.txt", "hi", 2, &e, msg), RB_EINVAL);
    cr_assert_str_eq(msg, "no text in the file");
}
