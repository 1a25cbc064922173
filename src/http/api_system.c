/* SPDX-License-Identifier: MIT */
/* Liveness, readiness, metrics and the OpenAPI document. */
#include <string.h>

#include "http/http.h"
#include "http/server.h"
#include "util/embed.h"

void
api_healthz(struct http_req *req, struct http_res *res)
{
    (void)req;
    http_json(res, 200, json_pack("{s:s}", "status", "ok"));
    res->no_etag = true;
}

void
api_readyz(struct http_req *req, struct http_res *res)
{
    char msg[RB_ERRMSG];
    res->no_etag = true;
    if (store_ping(req->store, msg)) {
        http_problem(res, RB_ESTORE, "the store does not answer", NULL);
        return;
    }
    http_json(res, 200, json_pack("{s:s}", "status", "ready"));
}

void
api_metrics(struct http_req *req, struct http_res *res)
{
    long long active = 0;
    char msg[RB_ERRMSG];
    res->no_etag = true;
    http_metrics_text(&res->body);
    if (store_screenings_active(req->store, &active, msg) == RB_OK)
        buf_printf(&res->body,
                   "# HELP rubric_screenings_active Screenings queued or running.\n"
                   "# TYPE rubric_screenings_active gauge\n"
                   "rubric_screenings_active %lld\n",
                   active);
    res->content_type = "text/plain; version=0.0.4; charset=utf-8";
}

void
api_openapi(struct http_req *req, struct http_res *res)
{
    const struct embedded_file *f = embed_find("openapi/openapi.json");
    (void)req;
    if (!f) {
        http_problem(res, RB_EINTERNAL, "the OpenAPI document was not built in", NULL);
        return;
    }
    buf_append(&res->body, f->data, f->len);
    res->content_type = "application/json";
}
