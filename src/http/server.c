/* SPDX-License-Identifier: MIT */
/*
 * The server: libmicrohttpd with its epoll thread pool, and what every request goes
 * through here, once, in order. From its head alone, before a byte of the body is read: the
 * route (404, 405), the framing (400 for two lengths), the caller (a session cookie, whose
 * state-changing requests must echo the CSRF token, or an API token; 401, 403), the body's
 * length against the route's limit (413) and its media type (415). Then the body, its
 * decoding (400 naming the field), the handler (slow ones on a bounded pool while the
 * connection waits suspended; 503 when the pool is full), ETags (304), security headers,
 * the access log and the metrics.
 *
 * Each thread opens its own store connection on first use; all are closed at shutdown. The
 * guard (http/guard.h) holds connections to a deadline for their heads and makes room at the
 * connection limit. On SIGTERM or SIGINT the server stops accepting, answers what has
 * arrived with Connection: close, closes idle connections, waits (up to shutdown_grace
 * seconds) and closes the store cleanly.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
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
#include "http/guard.h"
#include "http/http.h"
#include "http/jobs.h"
#include "http/static.h"
#include "util/httphead.h"
#include "util/jsonv.h"
#include "util/mem.h"
#include "util/pool.h"
#include "util/text.h"

#define SESSION_COOKIE "rubric_session"
#define MAX_FILES 1000
#define MAX_FIELDS 32         /* plain fields of a multipart form */
#define FIELD_MAX (16u << 10) /* bytes of one of them */
#define IGNORED_BODY_MAX ((size_t)64 * 1024)
/* A request's URL and its head: refused with a problem (414, 431) well below libmicrohttpd's
 * connection memory (HEAD_MEMORY), which would otherwise answer with its own HTML page. */
#define URL_MAX ((size_t)8 * 1024)
#define HEAD_MAX ((size_t)16 * 1024)
#define HEAD_MEMORY ((size_t)32 * 1024)
/* Past a route's limit, a body without a Content-Length (chunked) is read and dropped this
 * far, to answer 413 to a client that overshot a little; further, the connection is cut. */
#define OVERRUN_MAX ((size_t)1024 * 1024)

/* ---- per-thread stores ------------------------------------------------------------------ */

static pthread_mutex_t stores_mu = PTHREAD_MUTEX_INITIALIZER;
static struct store **stores;
static size_t nstores, capstores;
static _Thread_local struct store *thread_store;

static struct store *
store_for_thread(const struct settings *cfg, char *errmsg)
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
    const struct settings *cfg;
    struct MHD_Daemon *d;
    struct MHD_Daemon *metrics_d; /* the metrics listener, when metrics_listen names one */
    unsigned id_prefix;           /* request ids: a random prefix per process and a count */
    unsigned long long requests;
    struct guard *guard;
    struct pool *parse_pool, *hash_pool;
    int draining; /* SIGTERM: every answer says Connection: close */
};

/* What a connection's request accumulates between calls of the access handler. */
struct state {
    struct server *sv;
    struct MHD_Connection *conn;
    const struct route *route;
    enum rb_err route_err;
    struct http_req req;
    struct buf body;
    size_t limit;
    bool too_big, bad_type, bad_upload;
    bool refused;   /* res holds the answer decided from the head alone (a problem, a file) */
    bool has_body;  /* a Content-Length above 0 or a Transfer-Encoding */
    bool https;     /* over TLS, as a trusted proxy says */
    bool on_worker; /* the handler ran on a pool; res is its answer */
    struct MHD_PostProcessor *pp;
    struct http_file *files;
    size_t nfiles, capfiles;
    struct http_file *fields; /* plain form fields */
    size_t nfields, capfields;
    size_t received; /* bytes of files so far */
    size_t overrun;  /* bytes dropped past the limit */
    struct http_res res;
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
        f->field = xstrdup(key ? key : "");
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
        free(st->files[i].field);
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
    json_decref(st->req.json);
    buf_cleanup(&st->body);
    json_decref(st->res.json);
    buf_cleanup(&st->res.body);
    free(st->res.location);
    free(st->res.set_cookie);
    free(st);
    __atomic_fetch_sub(&metrics.in_flight, 1, __ATOMIC_RELAXED);
}

/* The guard's record of a connection (its socket context). */
static struct guard_conn *
guard_conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    struct server *sv = cls;
    state_free(*con_cls);
    *con_cls = NULL;
    /* answered, and the connection stays: the next head's clock starts (any other ending
     * closes the connection, whose record may then be gone already) */
    if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
        guard_idle(sv->guard, guard_conn_of(c));
}

/* A connection opens or closes: the guard keeps count, deadlines and the limit. */
static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
              enum MHD_ConnectionNotificationCode code)
{
    struct server *sv = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = ci ? guard_open(sv->guard, ci->connect_fd) : NULL;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        guard_close(sv->guard, *socket_context);
        *socket_context = NULL;
    }
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

/* Answers that depend only on the bank and roles (and the public ones) may be kept and
 * revalidated by the caller's own browser; any other API answer may hold personal data and
 * is never written to a cache. The web app's files say their own. */
static const char *
cache_control_of(const struct route *route, const struct http_res *res)
{
    if (res->cache_control)
        return res->cache_control;
    return !route || route->cached || !route->roles ? "private, no-cache" : "no-store";
}

/* A server-side failure's detail names files and SQL: it goes to the log with the request
 * id, and the caller gets a detail that says what to do. */
static void
scrub_problem(struct state *st, struct http_res *res)
{
    json_t *detail = json_object_get(res->json, "detail");
    const char *generic = res->status == 503
                              ? "the store is busy or unavailable: try again in a moment"
                              : "the server failed: its log has the detail under this request id";
    const char *type = json_string_value(json_object_get(res->json, "type"));
    if (!detail || !type ||
        (strcmp(type, "/problems/store-error") != 0 && strcmp(type, "/problems/internal") != 0 &&
         strcmp(type, "/problems/io-error") != 0))
        return;
    fprintf(stderr,
            "{\"request_id\":\"%s\",\"route\":\"%s\",\"status\":%d,\"detail\":", st->request_id,
            st->route ? st->route->pattern : "-", res->status);
    {
        char *d = json_dumps(detail, JSON_ENCODE_ANY);
        fprintf(stderr, "%s}\n", d ? d : "null");
        free(d);
    }
    json_object_set_new(res->json, "detail", json_string(generic));
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

/* The session cookie, Secure when the request came over TLS (as a trusted proxy says) even
 * if cookie_secure is off. */
static void
add_cookie(struct MHD_Response *r, const char *cookie, bool https)
{
    char c[512];
    if (https && !strstr(cookie, "; Secure")) {
        snprintf(c, sizeof c, "%s; Secure", cookie);
        cookie = c;
    }
    MHD_add_response_header(r, "Set-Cookie", cookie);
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
        char *s;
        scrub_problem(st, res);
        s = json_dumps(res->json, JSON_COMPACT | JSON_OUT_REAL | JSON_PRESERVE_ORDER);
        buf_reset(&res->body);
        buf_puts(&res->body, s ? s : "null");
        buf_putc(&res->body, '\n');
        free(s);
        type = res->status >= 400 ? "application/problem+json" : "application/json";
    }
    if (res->status == 200 && !res->no_etag && (strcmp(st->req.method, "GET") == 0 || head)) {
        etag_of(buf_str(&res->body), res->body.len, etag);
        if (httphead_etag_matches(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match"),
                                  etag)) {
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
        add_cookie(r, res->set_cookie, st->https);
    if (res->status == 429) {
        char after[24] = "900"; /* the login window, 15 minutes, unless the handler knows */
        if (res->retry_after > 0)
            snprintf(after, sizeof after, "%lld", res->retry_after);
        MHD_add_response_header(r, "Retry-After", after);
    }
    if (res->status == 503)
        MHD_add_response_header(r, "Retry-After", "2");
    if (__atomic_load_n(&sv->draining, __ATOMIC_RELAXED))
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
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
    res->cache_control = cache_control_of(st->route, res);
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

/* ---- the head: everything decided before a byte of the body is read ------------------- */

/* How often a header came, and whether its values differ. */
struct header_count {
    const char *name;
    size_t n;
    const char *first;
    bool differ;
};

static enum MHD_Result
count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct header_count *h = cls;
    (void)kind;
    if (strcasecmp(key, h->name) != 0)
        return MHD_YES;
    if (h->n++ == 0)
        h->first = value ? value : "";
    else if (strcmp(h->first, value ? value : "") != 0)
        h->differ = true;
    return MHD_YES;
}

static enum MHD_Result
add_length(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    size_t *n = cls;
    (void)kind;
    *n += strlen(key) + (value ? strlen(value) : 0) + 4; /* ": " and CRLF, or "=" and "&" */
    return MHD_YES;
}

/* Whether the URL or the whole head is over its limit: a problem in res when it is. */
static bool
head_too_big(struct MHD_Connection *c, const char *url, struct http_res *res)
{
    size_t url_len = strlen(url), head = 0;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_length, &url_len);
    MHD_get_connection_values(c, MHD_HEADER_KIND, add_length, &head);
    if (url_len > URL_MAX) {
        http_problemf(res, RB_EURI, NULL, "the URL is over %zu bytes", URL_MAX);
        return true;
    }
    if (url_len + head > HEAD_MAX) {
        http_problemf(res, RB_EHEAD, NULL, "the request's head is over %zu bytes", HEAD_MAX);
        return true;
    }
    return false;
}

/* The route, the framing of the body, the caller and their role, the body's length and media
 * type: a problem for the first that is wrong, set in st->res with st->refused. */
static void
check_head(struct server *sv, struct MHD_Connection *c, struct state *st)
{
    struct http_req *req = &st->req;
    struct header_count cl = {"Content-Length", 0, NULL, false};
    struct header_count te = {"Transfer-Encoding", 0, NULL, false};
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    char msg[RB_ERRMSG];
    enum rb_err e;

    MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &cl);
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &te);
    st->has_body = te.n || (cl.n && strcmp(cl.first, "0") != 0);
    st->refused = true;
    if (head_too_big(c, req->path, &st->res))
        return;
    if (!st->route) {
        /* the web app's files: answered from the head, like a refusal */
        if (st->route_err != RB_EMETHOD &&
            static_serve(req->method, req->path,
                         MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding"),
                         &st->res))
            return;
        if (st->route_err == RB_EMETHOD)
            http_problemf(&st->res, RB_EMETHOD, NULL, "%s is not allowed on %s", req->method,
                          req->path);
        else
            http_problemf(&st->res, RB_ENOTFOUND, NULL, "no such resource: %s", req->path);
        return;
    }
    if ((cl.n && te.n) || cl.differ || te.n > 1) {
        /* a proxy in front may read the body's end elsewhere than we do: request smuggling */
        http_problem(&st->res, RB_EINVAL,
                     "send the body's length one way: one Content-Length or Transfer-Encoding: "
                     "chunked, not both and not twice",
                     "Content-Length");
        return;
    }
    if (st->route->fn == api_metrics && strcmp(sv->cfg->metrics_listen, "admin") != 0) {
        /* off, or on its own listener: not here */
        http_problemf(&st->res, RB_ENOTFOUND, NULL, "no such resource: %s", req->path);
        return;
    }
    if (!(req->store = store_for_thread(sv->cfg, msg))) {
        __atomic_fetch_add(&metrics.store_errors, 1, __ATOMIC_RELAXED);
        http_problem(&st->res, RB_ESTORE, msg, NULL);
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
        http_problem(&st->res, e, msg, NULL);
        return;
    }
    if (st->route->roles) {
        if (!req->who.id) {
            http_problem(&st->res, RB_EAUTH,
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
            http_problemf(&st->res, RB_EDENIED, NULL, "a %s may not %s %s (roles allowed: %s)",
                          user_role_name(req->who.role), req->method, st->route->pattern, may);
            return;
        }
    }
    if (cl.n && strtoull(cl.first, NULL, 10) > st->limit) {
        http_problemf(&st->res, RB_ETOOBIG, NULL,
                      "the body is over this route's limit of %zu bytes", st->limit);
        return;
    }
    if (st->route->body == BODY_JSON && st->has_body &&
        !httphead_media_type_is(ct, "application/json")) {
        http_problem(&st->res, RB_EUNSUPPORTED, "Content-Type: send application/json",
                     "Content-Type");
        return;
    }
    if (st->route->body == BODY_UPLOAD && !httphead_media_type_is(ct, "multipart/form-data")) {
        http_problem(&st->res, RB_EUNSUPPORTED,
                     "Content-Type: send multipart/form-data with the files", "Content-Type");
        return;
    }
    st->refused = false;
}

/* The first call of the access handler, once the head has arrived. */
static enum MHD_Result
begin(struct server *sv, struct MHD_Connection *c, const char *url, const char *method,
      void **con_cls)
{
    struct state *st = xcalloc(1, sizeof *st);
    const char *proto;

    clock_gettime(CLOCK_MONOTONIC, &st->t0);
    st->sv = sv;
    st->conn = c;
    st->req.method = method;
    st->req.path = url;
    st->req.conn = c;
    st->req.cfg = sv->cfg;
    st->req.now = (long long)time(NULL);
    st->res.status = 200;
    buf_init(&st->res.body, 256u << 20);
    snprintf(st->request_id, sizeof st->request_id, "%08x%08llx", sv->id_prefix,
             __atomic_add_fetch(&sv->requests, 1, __ATOMIC_RELAXED));
    client_address(c, st->req.address, sizeof st->req.address);
    proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
    st->https = proto && strcasecmp(proto, "https") == 0 &&
                httphead_address_listed(sv->cfg->trusted_proxies, st->req.address);
    st->route = http_route_find(method, url, &st->req, &st->route_err);
    /* a route that takes no body ignores a small one, as HTTP allows */
    st->limit = st->route && st->route->body == BODY_JSON     ? sv->cfg->json_max
                : st->route && st->route->body == BODY_UPLOAD ? sv->cfg->upload_max
                                                              : IGNORED_BODY_MAX;
    buf_init(&st->body, st->limit);
    __atomic_fetch_add(&metrics.in_flight, 1, __ATOMIC_RELAXED);
    *con_cls = st;
    guard_busy(sv->guard, guard_conn_of(c));

    check_head(sv, c, st);
    if (!st->refused && st->has_body)
        guard_body(sv->guard, guard_conn_of(c));
    if (st->refused) {
        /* a big body or one of unknown length is never read: answered now, the connection
         * closes; a small one (a client that sent it whole, without waiting for 100 Continue,
         * would be reset before reading the answer) is read and dropped, then answered on the
         * last call, as is a request without a body, which keeps the connection alive */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        bool small = cl && strtoull(cl, NULL, 10) <= OVERRUN_MAX;
        return st->has_body && !small ? respond(sv, c, st, &st->res) : MHD_YES;
    }
    if (st->route->body == BODY_UPLOAD &&
        !(st->pp = MHD_create_post_processor(c, (size_t)64 * 1024, on_part, st)))
        st->bad_upload = true;
    return MHD_YES;
}

/* A piece of the body. Over the limit (only a chunked body gets there: a Content-Length over
 * it was refused) nothing more is kept, and past OVERRUN_MAX the connection is cut rather
 * than read to its end. */
static enum MHD_Result
take_body(struct state *st, const char *data, size_t *size)
{
    if (st->too_big || st->refused) {
        st->overrun += *size; /* dropped */
    } else if (!st->bad_upload) {
        if (st->pp) {
            if (MHD_post_process(st->pp, data, *size) != MHD_YES && !st->too_big)
                st->bad_upload = true;
        } else if (buf_append(&st->body, data, *size)) {
            st->too_big = true;
        }
    }
    *size = 0;
    return st->overrun > OVERRUN_MAX ? MHD_NO : MHD_YES;
}

/* ---- the handler ---------------------------------------------------------------------- */

/* The whole request has arrived and its head passed: decode the body, run the handler. */
static void
handle(struct server *sv, struct MHD_Connection *c, struct state *st, struct http_res *res)
{
    char msg[RB_ERRMSG];
    struct http_req *req = &st->req;

    req->body = buf_str(&st->body);
    req->body_len = st->body.len;
    req->files = st->files;
    req->nfiles = st->nfiles;
    req->fields = st->fields;
    req->nfields = st->nfields;
    /* this thread's connection: a worker's is not the request thread's */
    if (!(req->store = store_for_thread(sv->cfg, msg))) {
        __atomic_fetch_add(&metrics.store_errors, 1, __ATOMIC_RELAXED);
        http_problem(res, RB_ESTORE, msg, NULL);
        return;
    }
    if (st->too_big) {
        http_problemf(res, RB_ETOOBIG, NULL, "the body is over this route's limit of %zu bytes",
                      st->limit);
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
                char *text =
                    json_dumps(res->json, JSON_COMPACT | JSON_OUT_REAL | JSON_PRESERVE_ORDER);
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

/* A pool's worker: the handler, then the connection back to its request thread. */
static void
run_on_worker(void *arg)
{
    struct state *st = arg;
    handle(st->sv, st->conn, st, &st->res);
    MHD_resume_connection(st->conn);
}

static struct pool *
pool_of(struct server *sv, const struct route *route)
{
    enum route_pool p = http_route_pool(route);
    return p == POOL_PARSE ? sv->parse_pool : p == POOL_HASH ? sv->hash_pool : NULL;
}

/* The last call: the body has arrived (or the handler's worker is done). Slow routes go to
 * their pool, and the connection waits suspended, so the request thread answers others. */
static enum MHD_Result
finish(struct server *sv, struct MHD_Connection *c, struct state *st)
{
    struct pool *pool;
    if (st->refused || st->on_worker)
        return respond(sv, c, st, &st->res);
    guard_busy(sv->guard, guard_conn_of(c)); /* the body is in: no deadline while answering */
    if ((pool = pool_of(sv, st->route))) {
        if (!pool_reserve(pool)) {
            http_problem(&st->res, RB_EBUSY,
                         "too many requests of this kind are waiting: try again in a moment", NULL);
            return respond(sv, c, st, &st->res);
        }
        st->on_worker = true;
        MHD_suspend_connection(c);
        pool_submit(pool, run_on_worker, st);
        return MHD_YES;
    }
    handle(sv, c, st, &st->res);
    return respond(sv, c, st, &st->res);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    struct server *sv = cls;
    struct state *st = *con_cls;
    (void)version;
    if (!st)
        return begin(sv, c, url, method, con_cls);
    if (*upload_data_size)
        return take_body(st, upload_data, upload_data_size);
    return finish(sv, c, st);
}

/* The metrics listener (metrics_listen = ADDR:PORT): GET /metrics and nothing else, no
 * sign-in; meant for an address only the monitoring can reach. */
static enum MHD_Result
on_metrics(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    static int seen;
    struct server *sv = cls;
    struct http_req req = {.method = method, .path = url, .conn = c, .cfg = sv->cfg};
    struct http_res res = {.status = 200};
    struct MHD_Response *r;
    char msg[RB_ERRMSG];
    enum MHD_Result ok;
    (void)version;
    (void)upload_data;
    if (!*con_cls) {
        *con_cls = &seen;
        return MHD_YES;
    }
    if (*upload_data_size) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    buf_init(&res.body, 1u << 20);
    if (strcmp(url, "/metrics") != 0 ||
        (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)) {
        res.status = 404;
        buf_puts(&res.body, "only GET /metrics here\n");
        res.content_type = "text/plain; charset=utf-8";
    } else if (!(req.store = store_for_thread(sv->cfg, msg))) {
        res.status = 503;
        buf_puts(&res.body, "the store cannot be opened\n");
        res.content_type = "text/plain; charset=utf-8";
    } else {
        api_metrics(&req, &res);
    }
    {
        size_t len = res.body.len;
        r = MHD_create_response_from_buffer(len, buf_take(&res.body), MHD_RESPMEM_MUST_FREE);
    }
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", res.content_type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    ok = MHD_queue_response(c, (unsigned)res.status, r);
    MHD_destroy_response(r);
    return ok;
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
http_check_listen(const struct settings *cfg, char *errmsg)
{
    struct sockaddr_storage sa;
    socklen_t salen;
    int fd, one = 1;
    enum rb_err rc = RB_OK;

    if (!parse_listen(cfg->listen, &sa, &salen, errmsg))
        return RB_EINVAL;
    fd = socket(sa.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(errmsg, RB_ERRMSG, "cannot listen on %s: %s", cfg->listen, strerror(errno));
        return RB_EIO;
    }
    /* the same option the daemon sets, so a port in TIME_WAIT is not refused here only */
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (const struct sockaddr *)&sa, salen) < 0) {
        snprintf(errmsg, RB_ERRMSG,
                 "cannot listen on %s: %s (choose another with --listen ADDR:PORT)", cfg->listen,
                 strerror(errno));
        rc = RB_EIO;
    }
    close(fd);
    return rc;
}

/* The metrics listener, when metrics_listen names an address; NULL and RB_OK when not. */
static enum rb_err
start_metrics(struct server *sv, char *errmsg)
{
    struct sockaddr_storage sa;
    socklen_t salen;
    const char *at = sv->cfg->metrics_listen;
    if (strcmp(at, "admin") == 0 || strcmp(at, "off") == 0)
        return RB_OK;
    if (!parse_listen(at, &sa, &salen, errmsg)) {
        char msg[RB_ERRMSG];
        snprintf(msg, sizeof msg, "metrics_%.400s (or admin, or off)", errmsg);
        snprintf(errmsg, RB_ERRMSG, "%s", msg);
        return RB_EINVAL;
    }
    sv->metrics_d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | (sa.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0), 0, NULL,
        NULL, on_metrics, sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_CONNECTION_LIMIT, 64u, MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_END);
    if (!sv->metrics_d) {
        snprintf(errmsg, RB_ERRMSG, "cannot listen on %s for metrics (in use?)", at);
        return RB_EIO;
    }
    return RB_OK;
}

/* The request daemon: an epoll thread pool, connections tracked by the guard, suspended
 * while a pool works for them. Its own limit sits above the guard's, which makes room by
 * cutting the slowest head first. */
/* Without MHD_USE_TURBO. It was dropped while chasing pages that hung on their first API call;
 * that turned out to be the web app's (web/src/store.ts missed a change that came between a
 * render and its subscription), not the server's. Turbo's gain (fewer system calls per
 * connection) was not measured here, so it stays off until bench/http.sh shows it is worth it. */
static struct MHD_Daemon *
start_daemon(struct server *sv, const struct sockaddr_storage *sa, unsigned threads)
{
    const struct settings *cfg = sv->cfg;
    unsigned hard = cfg->max_connections + cfg->max_connections / 4 + 16 * threads;
    return MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME |
            (sa->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
        0, NULL, NULL, on_request, sv, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, hard,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_connections_per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->connection_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        HEAD_MEMORY, MHD_OPTION_NOTIFY_COMPLETED, on_completed, sv, MHD_OPTION_NOTIFY_CONNECTION,
        on_connection, sv, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, MHD_OPTION_END);
}

/* SIGTERM: stop accepting (new connections are refused, not left waiting), answer what has
 * arrived with Connection: close, close idle connections, and wait for the rest. */
static void
drain(struct server *sv)
{
    MHD_socket fd;
    unsigned ticks = sv->cfg->shutdown_grace * 20u;
    __atomic_store_n(&sv->draining, 1, __ATOMIC_RELAXED);
    fd = MHD_quiesce_daemon(sv->d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    for (unsigned t = 0; t < ticks; t++) {
        /* a head already sent is read within moments: give it 300 ms to become a request,
         * then close what waits idle */
        if (t >= 6 && guard_drain(sv->guard, 300) == 0)
            break;
        usleep(50000);
    }
    /* every worker's connection is resumed before the daemon stops; the pools themselves
     * are freed after it, when no request thread can reach them */
    pool_quiesce(sv->parse_pool);
    pool_quiesce(sv->hash_pool);
}

enum rb_err
http_serve(const struct settings *cfg, void (*ready)(const char *listen), char *errmsg)
{
    struct server sv = {.cfg = cfg};
    struct sockaddr_storage sa;
    socklen_t salen;
    sigset_t sigs;
    unsigned threads = cfg->threads;
    int sig = -1;
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
    sv.guard =
        guard_new(cfg->max_connections, cfg->head_timeout * 1000u, cfg->body_timeout * 1000u);
    sv.parse_pool = pool_new("parse", cfg->parse_workers, cfg->parse_queue);
    sv.hash_pool = pool_new("hash", cfg->hash_workers, cfg->hash_queue);
    sv.d = start_daemon(&sv, &sa, threads);
    if (!sv.d) {
        snprintf(errmsg, RB_ERRMSG,
                 "cannot listen on %s (in use, or not an address of this machine?)", cfg->listen);
        rc = RB_EIO;
        goto out;
    }
    if ((rc = start_metrics(&sv, errmsg)) || (rc = jobs_start(cfg, errmsg))) {
        MHD_stop_daemon(sv.d);
        goto out;
    }
    if (ready)
        ready(cfg->listen);
    while (sig < 0) {
        /* a few times a second: cut heads and bodies past their deadlines */
        struct timespec tick = {0, 200 * 1000000L};
        sig = sigtimedwait(&sigs, NULL, &tick);
        guard_sweep(sv.guard);
    }
    fprintf(stderr, "rubric: %s: finishing requests in flight (up to %u s)\n",
            sig == SIGTERM ? "SIGTERM" : "SIGINT", cfg->shutdown_grace);
    /* a screening midway goes back to the queue now, for another server to go on with,
     * rather than after the requests have drained */
    jobs_stopping();
    drain(&sv);
    MHD_stop_daemon(sv.d);
    jobs_stop();
    fprintf(stderr, "rubric: stopped\n");
out:
    if (sv.metrics_d)
        MHD_stop_daemon(sv.metrics_d);
    pool_free(sv.parse_pool);
    pool_free(sv.hash_pool);
    close_stores();
    free_caches();
    jobs_teardown();
    guard_free(sv.guard);
    pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
    return rc;
}
