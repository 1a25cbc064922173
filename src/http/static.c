/* SPDX-License-Identifier: MIT */
/*
 * The web application's files, from the table the build compiled in. Hashed names under
 * /assets/ never change, so they are cached for a year; index.html names them and is
 * revalidated on every load (its ETag makes that a 304). Each text file has a gzip copy made
 * at build time, sent when the client accepts it. Paths that are not files are the app's own
 * routes: they get index.html, and the app shows the page.
 */
#include "http/static.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WEB_PATH_MAX 512

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".json", "application/json"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
};

static const char *
type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot)
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcmp(dot, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}

/* Whether the Accept-Encoding header allows gzip (a "gzip;q=0" refuses it). */
static bool
accepts_gzip(const char *header)
{
    const char *p = header;
    while (p && (p = strcasestr(p, "gzip"))) {
        const char *q = p + 4;
        while (*q == ' ')
            q++;
        if (*q == ';') {
            const char *v = strcasestr(q, "q=");
            if (v && strtod(v + 2, NULL) == 0.0)
                return false;
        }
        if (*q == ',' || *q == ';' || *q == '\0')
            return true;
        p = q;
    }
    return false;
}

bool
static_serve(const char *method, const char *path, const char *accept_encoding,
             struct http_res *res)
{
    char name[WEB_PATH_MAX + 8], gz[WEB_PATH_MAX + 16];
    const struct embedded_file *f = NULL, *z;
    bool asset = strncmp(path, "/assets/", 8) == 0;

    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return false;
    if (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0)
        return false;
    if (strlen(path) < WEB_PATH_MAX && strcmp(path, "/") != 0 && !strstr(path, "..")) {
        snprintf(name, sizeof name, "web%s", path);
        f = web_find(name);
    }
    if (!f) {
        if (asset) /* a missing hashed file is an old page asking: 404, not the app */
            return false;
        snprintf(name, sizeof name, "web/index.html");
        if (!(f = web_find(name)))
            return false;
        asset = false;
    }
    snprintf(gz, sizeof gz, "%s.gz", name);
    z = web_find(gz);
    if (z && accepts_gzip(accept_encoding)) {
        buf_append(&res->body, z->data, z->len);
        res->content_encoding = "gzip";
    } else {
        buf_append(&res->body, f->data, f->len);
    }
    res->vary_encoding = z != NULL;
    res->status = 200;
    res->content_type = type_of(name);
    res->cache_control = asset ? "public, max-age=31536000, immutable" : "no-cache";
    res->app = true;
    return true;
}
