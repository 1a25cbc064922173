/* SPDX-License-Identifier: MIT */
/*
 * The server: libmicrohttpd with its epoll thread pool, and what every request goes
 * through here, once, in order: the route (404, 405), the body's limit and media type
 * (413, 415), its decoding (400 naming the field), the caller (a session cookie, whose
 * state-changing requests must echo the CSRF token, or an API token; 401, 403), the
 * handler, then ETags (304), security headers, the access log and the metrics.
 *
 * Each request thread opens its own store connection on first use; all are closed at
 * shutdown. On SIGTERM or SIGINT the server stops accepting, lets requests in flight
 * finish (up to shutdown_grace seconds) and closes the store cleanly.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/auth.h"
#include "http/http.h"
#include "http/jobs.h"
#include "http/static.h"
#include "util/mem.h"
#include "util/text.h"

#define SESSION_COOKIE "rubric_session"
#define MAX_FILES 1000
#define MAX_FIELDS 32         /* plain fields of a multipart form */
#define FIELD_MAX (16u << 10) /* bytes of one of them */
#define IGNORED_BODY_MAX ((size_t)64 * 1024)

/* ---- per-thread stores ------------------------------------------------------------------ */

static pthread_mutex_t stores_mu = PTHREAD_MUTEX_INITIALIZER;
static struct store **stores;
static size_t nstores, capstores;
static _Thread_local struct store *thread_store;

static struct store *
store_for_thread(const struct http_settings *cfg, char *errmsg)
{
    if (!thread_store) {
        if (store_open(cfg->db, &thread_store, errmsg))
            return NULL;
        pthread_mutex_lock(&stores_mu);
        xgrow(&stores, &capstores, nstores + 1, sizeof(struct store *));
        stores[nstores++] = thread_store;
        pthread_mutex_unlock(&stores_mu);
    }
    return thread_store;
}

static void
close_stores(void)
{
    pthread_mutex_lock(&stores_mu);
    for (size_t i = 0; i < nstores; i++)
        store_close(stores[i]);
    free(stores);
    stores = NULL;
    nstores = capstores = 0;
    pthread_mutex_unlock(&stores_mu);
}

/* ---- answers kept by bank generation ------------------------------------------------------ */

#define CACHE_SLOTS 256
#define CACHE_BODY_MAX ((size_t)64 * 1024)

struct cache_slot {
    char *key; /* path and query */
    long long gen;
    char *body;
    size_t len;
};

static _Thread_local struct cache_slot *thread_cache;
static struct cache_slot **caches;
static size_t ncaches, capcaches;

static struct cache_slot *
cache_slot(const char *key)
{
    if (!thread_cache) {
        thread_cache = xcalloc(CACHE_SLOTS, sizeof *thread_cache);
        pthread_mutex_lock(&stores_mu);
        xgrow(&caches, &capcaches, ncaches + 1, sizeof(struct cache_slot *));
        caches[ncaches++] = thread_cache;
        pthread_mutex_unlock(&stores_mu);
    }
    return &thread_cache[text_hash(key, strlen(key)) % CACHE_SLOTS];
}

static void
free_caches(void)
{
    pthread_mutex_lock(&stores_mu);
    for (size_t i = 0; i < ncaches; i++) {
        for (size_t k = 0; k < CACHE_SLOTS; k++) {
            free(caches[i][k].key);
            free(caches[i][k].body);
        }
        free(caches[i]);
    }
    free(caches);
    caches = NULL;
    ncaches = capcaches = 0;
    pthread_mutex_unlock(&stores_mu);
}

static enum MHD_Result
add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    buf_printf(cls, "%s=%s&", key, value ? value : "");
    return MHD_YES;
}

/* ---- metrics ---------------------------------------------------------------------------- */

static const double buckets_ms[] = {0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500};
#define NBUCKETS (sizeof buckets_ms / sizeof buckets_ms[0])
#define NCLASSES 6 /* 1xx to 5xx, and unknown */

struct metrics {
    unsigned long long by_route[128][NCLASSES]; /* the last row: no route */
    unsigned long long latency[NBUCKETS + 1];   /* cumulative at read time */
    unsigned long long count;
    unsigned long long sum_us;
    unsigned long long store_errors;
    long long in_flight;
};

static struct metrics metrics;

static void
count_request(size_t route, int status, double ms)
{
    size_t b = 0;
    int cls = status / 100;
    if (route >= 127)
        route = 127;
    if (cls < 1 || cls > 5)
        cls = 0;
    __atomic_fetch_add(&metrics.by_route[route][cls], 1, __ATOMIC_RELAXED);
    while (b < NBUCKETS && ms > buckets_ms[b])
        b++;
    __atomic_fetch_add(&metrics.latency[b], 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&metrics.count, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&metrics.sum_us, (unsigned long long)(ms * 1000), __ATOMIC_RELAXED);
}

void
http_metrics_text(struct buf *out)
{
    static const char *const cls_name[NCLASSES] = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
    unsigned long long cum = 0;
    buf_puts(out, "# HELP rubric_http_requests_total HTTP requests by route and status class.\n"
                  "# TYPE rubric_http_requests_total counter\n");
    for (size_t r = 0; r <= http_nroutes && r < 128; r++) {
        const char *name = r < http_nroutes ? http_routes[r].name : "unknown";
        for (int c = 0; c < NCLASSES; c++) {
            unsigned long long v = __atomic_load_n(&metrics.by_route[r][c], __ATOMIC_RELAXED);
            if (v)
                buf_printf(out, "rubric_http_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
                           name, cls_name[c], v);
        }
    }
    buf_puts(out, "# HELP rubric_http_request_duration_seconds Time to answer a request.\n"
                  "# TYPE rubric_http_request_duration_seconds histogram\n");
    for (size_t b = 0; b <= NBUCKETS; b++) {
        cum += __atomic_load_n(&metrics.latency[b], __ATOMIC_RELAXED);
        if (b < NBUCKETS)
            buf_printf(out, "rubric_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                       buckets_ms[b] / 1000, cum);
        else
            buf_printf(out, "rubric_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", cum);
    }
    buf_printf(out, "rubric_http_request_duration_seconds_sum %.6f\n",
               (double)__atomic_load_n(&metrics.sum_us, __ATOMIC_RELAXED) / 1e6);
    buf_printf(out, "rubric_http_request_duration_seconds_count %llu\n",
               __atomic_load_n(&metrics.count, __ATOMIC_RELAXED));
    buf_printf(out,
               "# HELP rubric_http_requests_in_flight Requests being answered.\n"
               "# TYPE rubric_http_requests_in_flight gauge\n"
               "rubric_http_requests_in_flight %lld\n"
               "# HELP rubric_store_errors_total Requests that failed in the store.\n"
               "# TYPE rubric_store_errors_total counter\n"
               "rubric_store_errors_total %llu\n",
               __atomic_load_n(&metrics.in_flight, __ATOMIC_RELAXED),
               __atomic_load_n(&metrics.store_errors, __ATOMIC_RELAXED));
}

/* ---- requests --------------------------------------------------------------------------- */

struct server {
    const struct http_settings *cfg;
    struct MHD_Daemon *d;
    unsigned id_prefix; /* request ids: a random prefix per process and a count */
    unsigned long long requests;
};

/* What a connection's request accumulates between calls of the access handler. */
struct state {
    const struct route *route;
    enum rb_err route_err;
    struct http_req req;
    struct buf body;
    size_t limit;
    bool too_big, bad_type, bad_upload;
    struct MHD_PostProcessor *pp;
    struct http_file *files;
    size_t nfiles, capfiles;
    struct http_file *fields; /* plain form fields */
    size_t nfields, capfields;
    size_t received; /* bytes of files so far */
    struct timespec t0;
    char request_id[17];
};

static double
ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

const char *
http_query(const struct http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *
http_header(const struct http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *
http_form(const struct http_req *req, const char *name)
{
    for (size_t i = 0; i < req->nfields; i++)
        if (strcmp(req->fields[i].name, name) == 0)
            return buf_str(&req->fields[i].data);
    return NULL;
}

const char *
http_cookie(const struct http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

static enum MHD_Result
on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
        const char *content_type, const char *encoding, const char *data, uint64_t off, size_t size)
{
    struct state *st = cls;
    struct http_file *f;
    (void)kind;
    (void)content_type;
    (void)encoding;
    if (!filename) {
        /* a plain form field, kept for the routes that read forms (http_form) */
        if (off == 0 || !st->nfields) {
            if (st->nfields == MAX_FIELDS || !key) {
                st->bad_upload = true;
                return MHD_NO;
            }
            xgrow(&st->fields, &st->capfields, st->nfields + 1, sizeof *st->fields);
            f = &st->fields[st->nfields++];
            f->name = xstrdup(key);
            buf_init(&f->data, FIELD_MAX);
        }
        f = &st->fields[st->nfields - 1];
        st->received += size;
        if (st->received > st->limit || (size && buf_append(&f->data, data, size))) {
            st->too_big = true;
            return MHD_NO;
        }
        return MHD_YES;
    }
    if (off == 0 || !st->nfiles) {
        if (st->nfiles == MAX_FILES) {
            st->bad_upload = true;
            return MHD_NO;
        }
        xgrow(&st->files, &st->capfiles, st->nfiles + 1, sizeof *st->files);
        f = &st->files[st->nfiles++];
        f->name = xstrdup(filename);
        buf_init(&f->data, st->limit);
    }
    f = &st->files[st->nfiles - 1];
    /* all files together within the limit, whether or not a Content-Length said so */
    st->received += size;
    if (st->received > st->limit || (size && buf_append(&f->data, data, size))) {
        st->too_big = true;
        return MHD_NO;
    }
    return MHD_YES;
}

static void
state_free(struct state *st)
{
    if (!st)
        return;
    if (st->pp)
        MHD_destroy_post_processor(st->pp);
    for (size_t i = 0; i < st->nfiles; i++) {
        free(st->files[i].name);
        buf_cleanup(&st->files[i].data);
    }
    free(st->files);
    for (size_t i = 0; i < st->nfields; i++) {
        free(st->fields[i].name);
        buf_cleanup(&st->fields[i].data);
    }
    free(st->fields);
    for (size_t i = 0; i < st->req.nparams; i++)
        free(st->req.params[i]);
    user_cleanup(&st->req.who);
    buf_cleanup(&st->body);
    free(st);
    __atomic_fetch_sub(&metrics.in_flight, 1, __ATOMIC_RELAXED);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    state_free(*con_cls);
    *con_cls = NULL;
}

/* The caller, from an API token or a session cookie; RB_OK with who.id 0 when neither. */
static enum rb_err
authenticate(struct MHD_Connection *c, struct http_req *req, char *errmsg)
{
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    const char *cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, SESSION_COOKIE);
    enum rb_err rc;

    if (auth) {
        if (strncasecmp(auth, "Bearer ", 7) != 0) {
            snprintf(errmsg, RB_ERRMSG, "Authorization: expected 'Bearer TOKEN'");
            return RB_EAUTH;
        }
        req->by_token = true;
        return auth_token_user(req->store, auth + 7, &req->who, errmsg);
    }
    if (cookie) {
        char *csrf = NULL;
        rc = auth_session_user(req->store, cookie, req->now, &req->who, &csrf, errmsg);
        if (!rc && strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
            /* a cookie comes with any request the browser makes: a change must prove it
             * comes from our page, which alone could read the token */
            const char *sent = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
            if (!sent || strlen(sent) != strlen(csrf) || !crypto_equal(sent, csrf, strlen(csrf))) {
                user_cleanup(&req->who);
                snprintf(errmsg, RB_ERRMSG,
                         "X-CSRF-Token: missing or wrong (it came with the session)");
                rc = RB_EDENIED;
            }
        }
        free(csrf);
        return rc;
    }
    return RB_OK;
}

/* A 64-bit hash of a body for its ETag, eight bytes a step. Each step is a bijection of the
 * state for a given word and of the word for a given state, so two bodies of one length that
 * differ in one word never share a tag. (text_hash, FNV-1a a byte at a time, was 3% of a
 * question GET under load.) */
static uint64_t
body_hash(const char *p, size_t n)
{
    const uint64_t k = 0xff51afd7ed558ccdULL;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * k;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, p, n);
    h = (h ^ w) * k;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

/* A weak hash of the body as a strong ETag: the same bytes give the same tag. */
static void
etag_of(const char *data, size_t len, char out[24])
{
    snprintf(out, 24, "\"%016llx\"", (unsigned long long)body_hash(data, len));
}

static bool
etag_matches(const char *header, const char *etag)
{
    const char *p = header;
    size_t n = strlen(etag);
    if (!header)
        return false;
    if (strcmp(header, "*") == 0)
        return true;
    while ((p = strstr(p, etag + 1))) { /* W/"x" and "x" both match, as RFC 9110 says */
        if (p > header && p[-1] == '"' && p[n - 2] == '"')
            return true;
        p++;
    }
    return false;
}

/* The web app loads only its own files and talks only to this server; no inline script or
 * style (the build emits none), no other origin, no plugins, no framing. */
#define APP_CSP                                                                                    \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "                    \
    "form-action 'self'; frame-ancestors 'none'"

static void
add_security_headers(struct MHD_Response *r, const char *request_id, const struct http_res *res)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy",
                            res->csp   ? res->csp
                            : res->app ? APP_CSP
                                       : "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(r, "Cache-Control",
                            res->cache_control ? res->cache_control : "private, no-cache");
    if (res->content_encoding)
        MHD_add_response_header(r, "Content-Encoding", res->content_encoding);
    if (res->vary_encoding)
        MHD_add_response_header(r, "Vary", "Accept-Encoding");
    MHD_add_response_header(r, "X-Request-Id", request_id);
}

static void
access_log(const struct state *st, int status, size_t bytes, double ms)
{
    struct timespec now;
    struct tm tm;
    char when[32];
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    /* no path parameters, query, address or email: the route's pattern and a user id */
    fprintf(stderr,
            "{\"time\":\"%s\",\"request_id\":\"%s\",\"method\":\"%s\",\"route\":\"%s\","
            "\"status\":%d,\"bytes\":%zu,\"ms\":%.3f,\"user\":%lld}\n",
            when, st->request_id, st->req.method, st->route ? st->route->pattern : "-", status,
            bytes, ms, st->req.who.id);
}

static enum MHD_Result
respond(struct server *sv, struct MHD_Connection *c, struct state *st, struct http_res *res)
{
    struct MHD_Response *r;
    const char *type = res->content_type ? res->content_type : "application/octet-stream";
    char etag[24] = "";
    bool head = strcmp(st->req.method, "HEAD") == 0;
    enum MHD_Result ok;
    size_t len;
    char *data;

    if (res->json) {
        char *s = json_dumps(res->json, JSON_COMPACT | JSON_PRESERVE_ORDER);
        buf_reset(&res->body);
        buf_puts(&res->body, s ? s : "null");
        buf_putc(&res->body, '\n');
        free(s);
        type = res->status >= 400 ? "application/problem+json" : "application/json";
    }
    if (res->status == 200 && !res->no_etag && (strcmp(st->req.method, "GET") == 0 || head)) {
        etag_of(buf_str(&res->body), res->body.len, etag);
        if (etag_matches(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match"), etag)) {
            res->status = 304;
            buf_reset(&res->body);
        }
    }
    len = res->body.len;
    data = buf_take(&res->body);
    if (head || res->status == 304 || res->status == 204) {
        free(data);
        data = NULL;
        if (res->status != 200)
            len = 0;
        r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    } else {
        r = MHD_create_response_from_buffer(len, data ? data : (void *)"",
                                            data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    }
    if (!r) {
        free(data);
        return MHD_NO;
    }
    if (res->status != 304 && res->status != 204)
        MHD_add_response_header(r, "Content-Type", type);
    if (*etag)
        MHD_add_response_header(r, "ETag", etag);
    if (res->location)
        MHD_add_response_header(r, "Location", res->location);
    if (res->set_cookie)
        MHD_add_response_header(r, "Set-Cookie", res->set_cookie);
    if (res->status == 429)
        MHD_add_response_header(r, "Retry-After", "900"); /* the login window, 15 minutes */
    if (res->status == 405 && st->route_err == RB_EMETHOD) {
        char allow[128] = "";
        size_t used = 0;
        for (size_t i = 0; i < http_nroutes; i++) {
            struct http_req probe = {0};
            enum rb_err e;
            if (http_route_find(http_routes[i].method, st->req.path, &probe, &e) == &http_routes[i])
                used +=
                    (size_t)snprintf(allow + used, used < sizeof allow ? sizeof allow - used : 0,
                                     "%s%s", used ? ", " : "", http_routes[i].method);
            for (size_t k = 0; k < probe.nparams; k++)
                free(probe.params[k]);
            if (used >= sizeof allow)
                break;
        }
        MHD_add_response_header(r, "Allow", allow);
    }
    add_security_headers(r, st->request_id, res);
    ok = MHD_queue_response(c, (unsigned)res->status, r);
    MHD_destroy_response(r);
    {
        double ms = ms_since(&st->t0);
        count_request(st->route ? (size_t)(st->route - http_routes) : http_nroutes, res->status,
                      ms);
        if (sv->cfg->access_log)
            access_log(st, res->status, len, ms);
    }
    return ok;
}

static void
client_address(struct MHD_Connection *c, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, n, "-");
    if (!ci || !ci->client_addr)
        return;
    if (ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
                  out, (socklen_t)n);
    else if (ci->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6,
                  &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, out,
                  (socklen_t)n);
}

/* The whole request has arrived: check, authenticate, run the handler. */
static void
handle(struct server *sv, struct MHD_Connection *c, struct state *st, struct http_res *res)
{
    char msg[RB_ERRMSG];
    struct http_req *req = &st->req;
    enum rb_err e;

    if (!st->route) {
        if (st->route_err != RB_EMETHOD &&
            static_serve(req->method, req->path,
                         MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding"), res))
            return;
        if (st->route_err == RB_EMETHOD)
            http_problemf(res, RB_EMETHOD, NULL, "%s is not allowed on %s", req->method, req->path);
        else
            http_problemf(res, RB_ENOTFOUND, NULL, "no such resource: %s", req->path);
        return;
    }
    req->body = buf_str(&st->body);
    req->body_len = st->body.len;
    client_address(c, req->address, sizeof req->address);
    req->files = st->files;
    req->nfiles = st->nfiles;
    req->fields = st->fields;
    req->nfields = st->nfields;
    if (!(req->store = store_for_thread(sv->cfg, msg))) {
        __atomic_fetch_add(&metrics.store_errors, 1, __ATOMIC_RELAXED);
        http_problem(res, RB_ESTORE, "the store cannot be opened", NULL);
        return;
    }
    if ((e = authenticate(c, req, msg)) && !st->route->roles) {
        /* a public route needs no caller: a stale cookie or token must not stop a login */
        user_cleanup(&req->who);
        e = RB_OK;
    }
    if (e) {
        if (e == RB_ESTORE)
            __atomic_fetch_add(&metrics.store_errors, 1, __ATOMIC_RELAXED);
        http_problem(res, e, msg, NULL);
        return;
    }
    if (st->route->roles) {
        if (!req->who.id) {
            http_problem(res, RB_EAUTH,
                         "log in (POST /api/v1/session) or send 'Authorization: Bearer TOKEN'",
                         NULL);
            return;
        }
        if (!(st->route->roles & ROLE_BIT(req->who.role))) {
            /* say who may, so that the person knows whom to ask */
            char may[96] = "";
            size_t used = 0;
            for (int r = USER_ADMIN; r <= USER_ROLE_MAX; r++)
                if (st->route->roles & ROLE_BIT(r) && used < sizeof may)
                    used += (size_t)snprintf(may + used, sizeof may - used, "%s%s",
                                             used ? ", " : "", user_role_name(r));
            http_problemf(res, RB_EDENIED, NULL, "a %s may not %s %s (roles allowed: %s)",
                          user_role_name(req->who.role), req->method, st->route->pattern, may);
            return;
        }
    }
    if (st->too_big) {
        http_problemf(res, RB_ETOOBIG, NULL, "the body is over this route's limit of %zu bytes",
                      st->limit);
        return;
    }
    if (st->bad_type) {
        http_problem(res, RB_EUNSUPPORTED,
                     st->route->body == BODY_JSON
                         ? "Content-Type: send application/json"
                         : "Content-Type: send multipart/form-data with the files",
                     "Content-Type");
        return;
    }
    if (st->bad_upload) {
        http_problemf(res, RB_EINVAL, "body", "malformed multipart body, or over %d files",
                      MAX_FILES);
        return;
    }
    if (st->route->body == BODY_JSON) {
        if (!(req->json = http_decode_json(req->body, req->body_len, msg))) {
            http_problem(res, RB_EINVAL, msg, "body");
            return;
        }
    }
    if (st->route->cached && strcmp(req->method, "POST") != 0) {
        /* the same answer for every caller the route allows, while the bank is the same */
        struct buf key;
        struct cache_slot *slot;
        long long gen;
        buf_init(&key, 8192);
        buf_printf(&key, "%s?", req->path);
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &key);
        if (!key.len || store_bank_generation(req->store, &gen, msg)) {
            buf_cleanup(&key);
            st->route->fn(req, res);
            return;
        }
        slot = cache_slot(buf_str(&key));
        if (slot->key && slot->gen == gen && strcmp(slot->key, buf_str(&key)) == 0) {
            buf_append(&res->body, slot->body, slot->len);
            res->content_type = "application/json";
            buf_cleanup(&key);
            return;
        }
        st->route->fn(req, res);
        if (res->status == 200) {
            if (res->json) {
                char *text = json_dumps(res->json, JSON_COMPACT | JSON_PRESERVE_ORDER);
                buf_reset(&res->body);
                buf_puts(&res->body, text ? text : "null");
                buf_putc(&res->body, '\n');
                free(text);
                json_decref(res->json);
                res->json = NULL;
                res->content_type = "application/json";
            }
            if (res->body.len <= CACHE_BODY_MAX) {
                free(slot->key);
                free(slot->body);
                slot->key = buf_take(&key);
                slot->gen = gen;
                slot->len = res->body.len;
                slot->body = xmalloc(res->body.len + 1);
                memcpy(slot->body, buf_str(&res->body), res->body.len + 1);
            }
        }
        buf_cleanup(&key);
        return;
    }
    st->route->fn(req, res);
    json_decref(req->json);
    req->json = NULL;
    if (res->status == 503)
        __atomic_fetch_add(&metrics.store_errors, 1, __ATOMIC_RELAXED);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    struct server *sv = cls;
    struct state *st = *con_cls;
    (void)version;

    if (!st) {
        const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        st = xcalloc(1, sizeof *st);
        clock_gettime(CLOCK_MONOTONIC, &st->t0);
        st->req.method = method;
        st->req.path = url;
        st->req.conn = c;
        st->req.cfg = sv->cfg;
        st->req.now = (long long)time(NULL);
        snprintf(st->request_id, sizeof st->request_id, "%08x%08llx", sv->id_prefix,
                 __atomic_add_fetch(&sv->requests, 1, __ATOMIC_RELAXED));
        st->route = http_route_find(method, url, &st->req, &st->route_err);
        /* a route that takes no body ignores a small one, as HTTP allows */
        st->limit = st->route && st->route->body == BODY_JSON     ? sv->cfg->json_max
                    : st->route && st->route->body == BODY_UPLOAD ? sv->cfg->upload_max
                                                                  : IGNORED_BODY_MAX;
        buf_init(&st->body, st->limit);
        if (cl && strtoull(cl, NULL, 10) > st->limit)
            st->too_big = true;
        if (st->route && st->route->body == BODY_JSON && cl && strcmp(cl, "0") != 0 &&
            (!ct || strncasecmp(ct, "application/json", 16) != 0))
            st->bad_type = true;
        if (st->route && st->route->body == BODY_UPLOAD) {
            if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
                st->bad_type = true;
            else if (!(st->pp = MHD_create_post_processor(c, (size_t)64 * 1024, on_part, st)))
                st->bad_upload = true;
        }
        __atomic_fetch_add(&metrics.in_flight, 1, __ATOMIC_RELAXED);
        *con_cls = st;
        return MHD_YES; /* answer on a later call: that keeps the connection alive */
    }
    if (*upload_data_size) {
        if (!st->too_big && !st->bad_type && !st->bad_upload) {
            if (st->pp) {
                if (MHD_post_process(st->pp, upload_data, *upload_data_size) != MHD_YES &&
                    !st->too_big)
                    st->bad_upload = true;
            } else if (buf_append(&st->body, upload_data, *upload_data_size)) {
                st->too_big = true;
            }
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    {
        struct http_res res = {.status = 200};
        enum MHD_Result ok;
        buf_init(&res.body, 256u << 20);
        handle(sv, c, st, &res);
        ok = respond(sv, c, st, &res);
        json_decref(res.json);
        buf_cleanup(&res.body);
        free(res.location);
        free(res.set_cookie);
        return ok;
    }
}

/* ---- start and stop --------------------------------------------------------------------- */

static bool
parse_listen(const char *listen, struct sockaddr_storage *sa, socklen_t *len, char *errmsg)
{
    char host[128];
    const char *colon = strrchr(listen, ':');
    long port;
    char *end;
    memset(sa, 0, sizeof *sa);
    if (!colon || (size_t)(colon - listen) >= sizeof host) {
        snprintf(errmsg, RB_ERRMSG, "listen: expected ADDRESS:PORT, not '%s'", listen);
        return false;
    }
    port = strtol(colon + 1, &end, 10);
    if (*end || port < 1 || port > 65535) {
        snprintf(errmsg, RB_ERRMSG, "listen: bad port in '%s'", listen);
        return false;
    }
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)sa;
        host[strlen(host) - 1] = '\0';
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) == 1) {
            *len = sizeof *a;
            return true;
        }
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)sa;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, host, &a->sin_addr) == 1) {
            *len = sizeof *a;
            return true;
        }
    }
    snprintf(errmsg, RB_ERRMSG, "listen: '%s' is not a numeric IPv4 or [IPv6] address", host);
    return false;
}

enum rb_err
http_serve(const struct http_settings *cfg, void (*ready)(const char *listen), char *errmsg)
{
    struct server sv = {.cfg = cfg};
    struct sockaddr_storage sa;
    socklen_t salen;
    sigset_t sigs;
    unsigned threads = cfg->threads;
    int sig = 0;
    enum rb_err rc = RB_OK;

    if (!parse_listen(cfg->listen, &sa, &salen, errmsg))
        return RB_EINVAL;
    if ((rc = jobs_setup(errmsg)))
        return rc;
    {
        char tok[CRYPTO_TOKEN_MAX];
        crypto_token("", tok);
        sv.id_prefix = (unsigned)text_hash(tok, strlen(tok));
    }
    if (!threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
    }
    /* the request threads inherit this mask: only this thread takes the signals */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    sv.d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO |
            (sa.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
        0, NULL, NULL, on_request, &sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->connection_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(16 * 1024), MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, MHD_OPTION_END);
    if (!sv.d) {
        snprintf(errmsg, RB_ERRMSG,
                 "cannot listen on %s (in use, or not an address of this machine?)", cfg->listen);
        pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
        jobs_teardown();
        return RB_EIO;
    }
    if ((rc = jobs_start(cfg, errmsg))) {
        MHD_stop_daemon(sv.d);
        jobs_teardown();
        pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
        return rc;
    }
    if (ready)
        ready(cfg->listen);
    sigwait(&sigs, &sig);
    fprintf(stderr, "rubric: %s: finishing requests in flight (up to %u s)\n",
            sig == SIGTERM ? "SIGTERM" : "SIGINT", cfg->shutdown_grace);
    MHD_quiesce_daemon(sv.d);
    for (unsigned waited = 0; waited < cfg->shutdown_grace * 20u; waited++) {
        if (__atomic_load_n(&metrics.in_flight, __ATOMIC_RELAXED) <= 0)
            break;
        usleep(50000);
    }
    MHD_stop_daemon(sv.d);
    jobs_stop();
    close_stores();
    free_caches();
    jobs_teardown();
    pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
    fprintf(stderr, "rubric: stopped\n");
    return rc;
}
