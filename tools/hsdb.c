/* SPDX-License-Identifier: MIT */
/*
 * Build tool: compiles the built-in skills taxonomy into its Hyperscan database, as the
 * skill scanner would at start, and writes it serialised into a C file (build/gen/hsdb.c)
 * defining skillscan_saved_builtin. The rubric binary offers it to its scanners, which load
 * it instead of compiling; when the taxonomy or the platform differs they compile, so a
 * stale or foreign file costs time, never correctness. Usage: hsdb OUT.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "model/skills.h"
#include "resume/skillscan.h"

int
main(int argc, char **argv)
{
    struct skills tax;
    struct skillscan *sc = NULL;
    char msg[RB_ERRMSG] = "", *data = NULL;
    size_t len = 0;
    uint64_t mark = 0;
    FILE *out = NULL;
    int rc = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: hsdb OUT.c\n");
        return 2;
    }
    if (skillscan_builtin(&tax, &sc, msg)) {
        fprintf(stderr, "hsdb: %s\n", msg);
        return 1;
    }
    if (skillscan_save(sc, &data, &len, &mark, msg)) {
        fprintf(stderr, "hsdb: %s\n", msg);
        goto out;
    }
    out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        goto out;
    }
    fprintf(out, "/* SPDX-License-Identifier: MIT */\n/* Written by tools/hsdb.c: do not edit. */\n"
                 "#include \"resume/skillscan.h\"\n\nstatic const unsigned char data[] = {");
    for (size_t i = 0; i < len; i++)
        fprintf(out, "%s%u,", i % 24 ? "" : "\n", (unsigned char)data[i]);
    fprintf(out,
            "\n};\n\nconst struct skillscan_saved skillscan_saved_builtin = {data, %zu, "
            "UINT64_C(%llu)};\n",
            len, (unsigned long long)mark);
    if (fclose(out)) {
        out = NULL;
        perror(argv[1]);
        goto out;
    }
    out = NULL;
    rc = 0;
out:
    if (out)
        fclose(out);
    free(data);
    skillscan_free(sc);
    skills_cleanup(&tax);
    return rc;
}
