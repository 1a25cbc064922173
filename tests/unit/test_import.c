/* SPDX-License-Identifier: MIT */
/* The Markdown importer, on lists written in each shape people use (tests/data/import). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/import.h"
#include "util/fs.h"

static struct import_set set;

static void
import_file(const char *name)
{
    char path[256], msg[RB_ERRMSG] = "";
    char *data;
    size_t len;
    snprintf(path, sizeof path, "tests/data/import/%s", name);
    cr_assert_eq(fs_read(path, IMPORT_FILE_MAX, &data, &len, msg), RB_OK, "%s", msg);
    import_set_init(&set);
    cr_assert_eq(import_markdown(path, data, len, name, "imported", &set, msg), RB_OK, "%s", msg);
    free(data);
}

static void
done(void)
{
    import_set_cleanup(&set);
}

/* The question whose text starts with prefix, or NULL. */
static const struct question *
find(const char *prefix)
{
    for (size_t i = 0; i < set.n; i++)
        if (strncmp(set.qs[i].text, prefix, strlen(prefix)) == 0)
            return &set.qs[i];
    return NULL;
}

static size_t
notes(const struct question *q)
{
    size_t n = 0;
    for (size_t i = 0; i < q->npoints; i++)
        n += q->points[i].kind == POINT_NOTE;
    return n;
}

TestSuite(import, .fini = done);

Test(import, bulleted_lists_under_sections_without_the_rest)
{
    const struct question *q;
    import_file("bullets.md");
    cr_assert_eq(set.n, 5, "got %zu questions", set.n);
    q = find("What is the difference between a clustered");
    cr_assert_not_null(q);
    cr_assert_str_eq(q->topic, "Databases");
    cr_assert_str_eq(q->source, "bullets.md");
    cr_assert_str_eq(q->competencies[0], "imported");
    cr_assert_eq(q->npoints, 0, "imported questions have no points yet");
    q = find("Describe what happens when many keys expire");
    cr_assert_not_null(q, "questions need not end in '?'");
    cr_assert_str_eq(q->topic, "Caching");
    cr_assert_null(find("Fork the repository"), "contributing steps are not questions");
    cr_assert_null(find("Databases"), "table of contents entries are not questions");
    cr_assert_null(find("PostgreSQL"), "links are not questions");
    cr_assert_null(find("A list of questions"), "the introduction is not a question");
    cr_assert_eq(set.nskipped, 1, "the repeated question is counted once");
}

Test(import, numbered_items_keep_their_answers_as_notes)
{
    const struct question *q;
    import_file("numbered.md");
    cr_assert_eq(set.n, 5, "got %zu", set.n);
    q = find("Why can't a distributed system");
    cr_assert_not_null(q);
    cr_assert_eq(notes(q), 2, "the answer paragraph and its nested list");
    cr_assert_not_null(find("Describe a fencing token"));
    cr_assert_not_null(find("What is a vector clock used for?"), "'10) Q:' prefix stripped");
    cr_assert_not_null(find("Why do retries need idempotency?"), "'11) Q.' prefix stripped");
}

Test(import, questions_as_headings_with_prefixes)
{
    const struct question *q;
    import_file("headings.md");
    cr_assert_eq(set.n, 4, "got %zu", set.n);
    q = find("What does the volatile keyword guarantee?");
    cr_assert_not_null(q, "'Q1.' stripped");
    cr_assert_str_eq(q->topic, "Concurrency");
    cr_assert_eq(notes(q), 2, "answer and code block");
    cr_assert_not_null(find("Explain the happens-before relation"), "no '?' needed");
    cr_assert_not_null(find("Why is double-checked locking broken"), "'3.' stripped");
    q = find("How does the garbage collector");
    cr_assert_not_null(q);
    cr_assert_str_eq(q->topic, "Memory");
}

Test(import, a_title_heading_with_the_question_beneath)
{
    const struct question *q;
    import_file("title-paragraph.md");
    cr_assert_eq(set.n, 2, "got %zu", set.n);
    q = find("What makes an HTTP method idempotent");
    cr_assert_not_null(q);
    cr_assert_str_eq(q->title, "Idempotency");
    cr_assert_str_eq(q->topic, "API design notes");
    cr_assert_eq(notes(q), 1, "the answer");
    q = find("How would you paginate");
    cr_assert_not_null(q);
    cr_assert_str_eq(q->title, "Pagination");
    cr_assert_null(find("We version our APIs"));
}

Test(import, details_and_summary_blocks)
{
    const struct question *q;
    import_file("details.md");
    cr_assert_eq(set.n, 3, "got %zu", set.n);
    q = find("What is the difference between a liveness probe");
    cr_assert_not_null(q);
    cr_assert_str_eq(q->topic, "Pods");
    cr_assert_eq(notes(q), 1);
    q = find("Why should a pod set resource requests?");
    cr_assert_not_null(q, "the one-line form");
    cr_assert_eq(notes(q), 1);
    cr_assert_not_null(find("Explain what a PodDisruptionBudget protects against"),
                       "tags and the Q3. prefix stripped");
}

Test(import, any_language)
{
    import_file("i18n.md");
    cr_assert_eq(set.n, 7, "got %zu", set.n);
    cr_assert_not_null(find("Расскажите, как работает индекс B-tree"));
    cr_assert_not_null(find("什么是缓存穿透？"), "full-width question mark");
    cr_assert_not_null(find("Erkläre den Unterschied"));
    cr_assert_str_eq(find("如何避免缓存雪崩？")->topic, "缓存");
}

Test(import, ids_are_stable_and_valid)
{
    char first[65];
    import_file("bullets.md");
    for (size_t i = 0; i < set.n; i++)
        cr_assert(question_id_valid(set.qs[i].id, strlen(set.qs[i].id)), "%s", set.qs[i].id);
    snprintf(first, sizeof first, "%s", set.qs[0].id);
    import_set_cleanup(&set);
    import_file("bullets.md");
    cr_assert_str_eq(set.qs[0].id, first, "the same text gives the same id");
}

Test(import, not_utf8_is_an_error_with_the_line)
{
    char msg[RB_ERRMSG] = "";
    const char text[] = "# Q\n\n- What is \xe9t\xe9?\n";
    import_set_init(&set);
    cr_assert_eq(import_markdown("x.md", text, sizeof text - 1, "x", "imported", &set, msg),
                 RB_EINVAL);
    cr_assert_not_null(strstr(msg, "x.md:3"), "%s", msg);
}

Test(import, looks_like_question)
{
    cr_assert(import_looks_like_question("Is it safe?"));
    cr_assert(import_looks_like_question("Explain sharding"));
    cr_assert(import_looks_like_question("什么是分片？"));
    cr_assert(import_looks_like_question("Объясните шардирование"));
    cr_assert_not(import_looks_like_question("Fork the repository"));
    cr_assert_not(import_looks_like_question("MIT"));
}

Test(import, anchored_sections_with_a_title_and_prose_beneath)
{
    const struct question *q;
    import_file("anchored-prose.md");
    cr_assert_eq(set.n, 7, "got %zu", set.n);
    q = find("Why is global state considered risky");
    cr_assert_not_null(q, "the contents above does not hide the sections below it");
    cr_assert_str_eq(q->title, "Global state");
    cr_assert_str_eq(q->topic, "Questions about Design Patterns", "no back-to-top arrow");
    cr_assert_str_eq(q->text,
                     "Why is global state considered risky in a long-running service? When "
                     "would you still accept it?",
                     "the question sentences without the resources link: %s", q->text);
    q = find("Two workers lock the same two rows");
    cr_assert_not_null(q, "the sentence that sets the question up stays");
    cr_assert_str_eq(q->topic, "Questions about Concurrency");
    cr_assert_null(strstr(q->text, "Resources"), "%s", q->text);
    cr_assert_not_null(find("Explain the difference between composition"), "no '?' needed");
    cr_assert_null(find("Questions about"), "section headings are not questions");
    cr_assert_null(find("Where are the answers"), "the introduction is not a question");
}

Test(import, anchored_sections_written_without_a_space_over_bullets)
{
    import_file("anchored-bullets.md");
    cr_assert_eq(set.n, 8, "got %zu", set.n);
    cr_assert_str_eq(find("Why would a consumer process")->topic, "Questions about Queues");
    cr_assert_str_eq(find("How do you find out which of 400")->topic, "Questions about Testing");
    cr_assert_null(find("General Questions"), "contents entries are not questions");
}

Test(import, sections_with_an_arrow_link_after_a_contents_table)
{
    import_file("sysadmin-bullets.md");
    cr_assert_eq(set.n, 7, "got %zu", set.n);
    cr_assert_str_eq(find("What happens when a process receives SIGTERM")->topic,
                     "General Questions");
    cr_assert_str_eq(find("Why might a DNS change")->topic, "Network Questions");
}

Test(import, bullets_headings_and_code_inside_answers_are_not_questions)
{
    const struct question *q;
    import_file("vendor-numbered.md");
    cr_assert_eq(set.n, 6, "got %zu", set.n);
    q = find("What is the difference between a process and a thread?");
    cr_assert_not_null(q, "'1.' stripped");
    cr_assert_geq(notes(q), 4, "answer, bullets, sub-heading and code are its notes");
    cr_assert_null(find("What state is shared?"), "a bullet of an answer");
    cr_assert_null(find("What are the ACID properties?"), "a heading inside an answer");
    cr_assert_null(find("Token bucket"), "a bullet of an answer");
    cr_assert_not_null(find("Describe how you would debug a slow API endpoint."));
}
