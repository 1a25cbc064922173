// SPDX-License-Identifier: MIT
// Checks recorded HTTP exchanges of `rubric serve` against docs/openapi.json, and the
// document's routes against the C route table. Used by tests/e2e/test_openapi.sh.
//
//   node openapi_check.js --spec docs/openapi.json --routes src/http/routes.c \
//        --exchanges FILE [--untested 500,503,409:POST /api/v1/path]
//
// FILE holds one JSON object per line: {"method", "path" (the concrete path, query allowed),
// "status", "content_type", "headers" (lower-case names), "body" (the raw text), "request"
// (the raw JSON sent, if any), "request_type" (its media type, application/json when absent)}.
// A multipart/form-data request is recorded as JSON: each field name and the list of its
// parts' values (a file stands for its content by its name). Each exchange is matched to its
// operation and response; the body is validated against the response's schema, the required
// headers must be there, and a request the server accepted (2xx) must be of a media type the
// operation documents and valid for its schema. A path that is not
// in the document must answer 404, a method a path lacks 405 (components/responses/
// MethodNotAllowed). Every documented status of every operation must have been seen, but those
// listed with --untested (a status, or STATUS:ROUTE for one route only). Prints every failure,
// naming the route, status and schema path;
// exits 1 if there is any.
'use strict';

const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function args(argv) {
    const out = { untested: [] };
    for (let i = 2; i < argv.length; i += 2) {
        const k = argv[i].replace(/^--/, '');
        if (!['spec', 'routes', 'exchanges', 'untested'].includes(k) || i + 1 >= argv.length)
            usage();
        out[k] = k === 'untested' ? argv[i + 1].split(',').filter(Boolean) : argv[i + 1];
    }
    if (!out.spec || !out.routes || !out.exchanges)
        usage();
    return out;
}

function usage() {
    process.stderr.write('usage: node openapi_check.js --spec FILE --routes FILE ' +
                         '--exchanges FILE [--untested STATUS,...]\n');
    process.exit(2);
}

// "#/a/b~1c" -> the value at that JSON pointer of doc.
function pointer(doc, ref) {
    return ref.replace(/^#\/?/, '').split('/').filter((p) => p !== '').reduce((v, p) => {
        const key = p.replace(/~1/g, '/').replace(/~0/g, '~');
        if (v === undefined || v === null || !(key in v))
            throw new Error(`cannot resolve ${ref}`);
        return v[key];
    }, doc);
}

function escapePointer(s) {
    return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

// A response object and its JSON pointer, following a $ref to components.
function resolve(doc, obj, at) {
    if (obj && obj.$ref)
        return { obj: pointer(doc, obj.$ref), at: obj.$ref };
    return { obj, at };
}

// (METHOD, /path/{x}) pairs of the C route table: the lines `{"GET", "/path", ...`.
function routeTable(file) {
    const text = fs.readFileSync(file, 'utf8');
    const start = text.indexOf('http_routes[] = {');
    const end = text.indexOf('};', start);
    if (start < 0 || end < 0)
        throw new Error(`${file}: no http_routes[] table`);
    const out = new Set();
    for (const m of text.slice(start, end).matchAll(/\{\s*"([A-Z]+)",\s*"([^"]+)"/g))
        out.add(`${m[1]} ${m[2]}`);
    return out;
}

function specRoutes(doc) {
    const out = new Set();
    for (const [path, item] of Object.entries(doc.paths))
        for (const m of METHODS)
            if (item[m])
                out.add(`${m.toUpperCase()} ${path}`);
    return out;
}

// The template of doc.paths that path matches, the one with the most literal segments first.
function matchPath(doc, path) {
    const segs = path.split('/');
    let best = null, bestLiterals = -1;
    for (const tpl of Object.keys(doc.paths)) {
        const t = tpl.split('/');
        if (t.length !== segs.length)
            continue;
        let literals = 0, ok = true;
        for (let i = 0; i < t.length && ok; i++) {
            if (/^\{[^}]+\}$/.test(t[i]))
                ok = segs[i].length > 0;
            else if (t[i] === segs[i])
                literals++;
            else
                ok = false;
        }
        if (ok && literals > bestLiterals) {
            best = tpl;
            bestLiterals = literals;
        }
    }
    return best;
}

// Every object of doc by identity -> its JSON pointer, to say where a failing keyword is.
function locations(doc) {
    const out = new Map();
    const walk = (v, at) => {
        if (!v || typeof v !== 'object' || out.has(v))
            return;
        out.set(v, at);
        for (const [k, c] of Object.entries(v))
            walk(c, `${at}/${escapePointer(k)}`);
    };
    walk(doc, '#');
    return out;
}

// The name of the property an additionalProperties or unevaluatedProperties error is about.
function extra(e) {
    const p = e.params || {};
    const name = p.additionalProperty || p.unevaluatedProperty;
    return name ? ` ('${name}')` : '';
}

function mediaType(ct) {
    return (ct || '').split(';')[0].trim().toLowerCase();
}

function isJson(mt) {
    return mt === 'application/json' || mt.endsWith('+json');
}

function main() {
    const opt = args(process.argv);
    const doc = JSON.parse(fs.readFileSync(opt.spec, 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, verbose: true });
    addFormats(ajv);
    ajv.addSchema(doc, 'openapi.json');
    const validators = new Map();
    const validator = (at) => {
        if (!validators.has(at))
            validators.set(at, ajv.compile({ $ref: `openapi.json${at}` }));
        return validators.get(at);
    };
    const where = locations(doc);
    // the pointer of the keyword at fault, e.g. #/components/schemas/User/properties/role/enum
    const keywordAt = (e) => where.has(e.parentSchema)
                                 ? `${where.get(e.parentSchema)}/${e.keyword}`
                                 : e.schemaPath;
    const failures = [];
    const fail = (msg) => failures.push(msg);

    // the document and the route table list the same routes
    const inC = routeTable(opt.routes), inDoc = specRoutes(doc);
    for (const r of inC)
        if (!inDoc.has(r))
            fail(`${r}: in ${opt.routes} but not in ${opt.spec}`);
    for (const r of inDoc)
        if (!inC.has(r))
            fail(`${r}: in ${opt.spec} but not in ${opt.routes}`);

    const lines = fs.readFileSync(opt.exchanges, 'utf8').split('\n').filter((l) => l.trim());
    const seen = new Map(); // "METHOD /tpl" -> Set of statuses
    lines.forEach((line, i) => {
        let ex;
        try {
            ex = JSON.parse(line);
        } catch (e) {
            fail(`${opt.exchanges}:${i + 1}: not JSON: ${e.message}`);
            return;
        }
        const path = ex.path.split('?')[0];
        const method = ex.method.toUpperCase();
        const opMethod = method === 'HEAD' ? 'get' : method.toLowerCase();
        const what = `${method} ${ex.path} -> ${ex.status}`;
        const tpl = matchPath(doc, path);
        let response, at, route;

        if (!tpl) {
            if (ex.status !== 404) {
                fail(`${what}: no path of the document matches, yet the answer is not 404`);
                return;
            }
            ({ obj: response, at } = resolve(doc, { $ref: '#/components/responses/NotFound' }));
            route = `(no route) ${path}`;
        } else if (!doc.paths[tpl][opMethod]) {
            route = `${method} ${tpl}`;
            if (ex.status !== 405) {
                fail(`${what}: ${tpl} has no ${method}, yet the answer is not 405`);
                return;
            }
            ({ obj: response, at } =
                 resolve(doc, { $ref: '#/components/responses/MethodNotAllowed' }));
        } else {
            const op = doc.paths[tpl][opMethod];
            route = `${opMethod.toUpperCase()} ${tpl}`;
            if (!seen.has(route))
                seen.set(route, new Set());
            seen.get(route).add(String(ex.status));
            const key = [String(ex.status), `${String(ex.status)[0]}XX`, 'default']
                            .find((k) => op.responses[k]);
            if (!key) {
                fail(`${what}: status ${ex.status} is not documented for ${route}`);
                return;
            }
            ({ obj: response, at } = resolve(doc, op.responses[key],
                                             `#/paths/${escapePointer(tpl)}/${opMethod}` +
                                                 `/responses/${key}`));
            // what the server accepted, the document must accept
            if (ex.status < 300 && ex.request !== undefined && op.requestBody) {
                const rb = resolve(doc, op.requestBody, `#/paths/${escapePointer(tpl)}/` +
                                                            `${opMethod}/requestBody`);
                let req;
                try {
                    req = JSON.parse(ex.request);
                } catch (e) {
                    req = undefined;
                }
                const type = mediaType(ex.request_type) || 'application/json';
                const media = rb.obj.content && rb.obj.content[type];
                if (!media)
                    fail(`${what}: the server accepted a request body in ${type}, which ` +
                         `${rb.at} does not list`);
                if (req !== undefined && media && media.schema) {
                    const v = validator(`${rb.at}/content/${escapePointer(type)}/schema`);
                    if (!v(req))
                        for (const e of v.errors)
                            fail(`${what}: the server accepted a request body the document ` +
                                 `rejects: ${e.instancePath || '(body)'} ${e.message} ` +
                                 `(schema ${keywordAt(e)})`);
                }
            }
        }

        const headers = ex.headers || {};
        for (const [name, h] of Object.entries(response.headers || {})) {
            const hdr = resolve(doc, h).obj;
            if (hdr.required && !(name.toLowerCase() in headers))
                fail(`${what}: no ${name} header, which ${at} requires`);
        }
        const content = response.content || {};
        if (Object.keys(content).length === 0) {
            if (ex.body)
                fail(`${what}: a body, where ${at} documents none`);
            return;
        }
        if (method === 'HEAD')
            return; /* the headers of the GET, no body */
        const mt = mediaType(ex.content_type);
        if (!content[mt]) {
            fail(`${what}: Content-Type '${ex.content_type}' is not one of ` +
                 `${Object.keys(content).join(', ')} (${at})`);
            return;
        }
        if (!content[mt].schema)
            return;
        let body = ex.body;
        if (isJson(mt)) {
            try {
                body = JSON.parse(ex.body);
            } catch (e) {
                fail(`${what}: the body is not JSON: ${e.message}`);
                return;
            }
        }
        const schemaAt = `${at}/content/${escapePointer(mt)}/schema`;
        const v = validator(schemaAt);
        if (!v(body))
            for (const e of v.errors)
                fail(`${route} ${ex.status}: ${e.instancePath || '(body)'} ${e.message}` +
                     `${extra(e)}` +
                     ` (schema ${keywordAt(e)}; request ${ex.method} ${ex.path})`);
    });

    // every documented answer was seen at least once
    for (const [path, item] of Object.entries(doc.paths))
        for (const m of METHODS) {
            if (!item[m])
                continue;
            const route = `${m.toUpperCase()} ${path}`;
            const got = seen.get(route) || new Set();
            const missing = Object.keys(item[m].responses)
                                .filter((s) => !got.has(s) && !opt.untested.includes(s) &&
                                        !opt.untested.includes(`${s}:${route}`));
            if (missing.length)
                fail(`${route}: never answered ${missing.join(', ')} in the recorded exchanges`);
        }

    for (const f of failures)
        process.stderr.write(`openapi_check: ${f}\n`);
    if (failures.length) {
        process.stderr.write(`openapi_check: ${failures.length} failures in ${lines.length} ` +
                             'exchanges\n');
        process.exit(1);
    }
    process.stdout.write(`openapi_check: ${lines.length} exchanges valid; ${inDoc.size} routes, ` +
                         'the same as the route table, each with every documented answer\n');
}

main();
