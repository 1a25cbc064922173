// SPDX-License-Identifier: MIT
// Reads the messages smtp_sink.mjs kept in DIR, strictly, and prints one JSON line per
// message: {to, envelope_to, subject, text, ical} where ical (or null) is the attached
// calendar read back by a strict iCalendar reader of its own (RFC 5545: CRLF only, lines of
// at most 75 octets, unfolding, content-line syntax, BEGIN/END nesting, one VEVENT with the
// properties an invite needs, a VTIMEZONE for every TZID used). Any breach exits 1 naming
// the message and the fault. Usage: node mail_read.mjs DIR
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let current = '';
function bad(why) {
    console.error(`mail_read: ${current}: ${why}`);
    process.exit(1);
}

function headers(block) {
    const h = {};
    for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
        const m = line.match(/^([A-Za-z0-9-]+):\s*(.*)$/);
        if (!m) bad(`not a header line: ${JSON.stringify(line)}`);
        const k = m[1].toLowerCase();
        if (k in h) bad(`header ${k} twice`);
        h[k] = m[2];
    }
    return h;
}

function words(v) {
    return v.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=\s*/gi, (_, b) =>
        Buffer.from(b, 'base64').toString('utf8'));
}

function part(raw) {
    const cut = raw.indexOf('\r\n\r\n');
    if (cut < 0) bad('a part without a blank line after its headers');
    const h = headers(raw.slice(0, cut));
    let body = raw.slice(cut + 4);
    if ((h['content-transfer-encoding'] || '').toLowerCase() === 'base64') {
        if (!/^[A-Za-z0-9+/=\r\n]*$/.test(body)) bad('base64 with stray characters');
        body = Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
    }
    return { h, body };
}

function params(s) {
    // NAME;P=V;P="V,V":VALUE -> {name, params, value}; quoted values may hold : ; ,
    const m = s.match(/^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*))*):(.*)$/);
    if (!m) bad(`not a content line: ${JSON.stringify(s)}`);
    const p = {};
    for (const q of m[2].matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^";:,]*)/g))
        p[q[1].toUpperCase()] = q[2].replace(/^"|"$/g, '');
    return { name: m[1].toUpperCase(), params: p, value: m[3] };
}

function unescapeText(v) {
    return v.replace(/\\([\\;,nN])/g, (_, c) => (c === 'n' || c === 'N' ? '\n' : c));
}

function ical(text) {
    if (!text.endsWith('\r\n')) bad('the calendar does not end with CRLF');
    if (/[^\r]\n/.test(text) || /\r(?!\n)/.test(text)) bad('a line end that is not CRLF');
    const physical = text.slice(0, -2).split('\r\n');
    const lines = [];
    for (const l of physical) {
        if (Buffer.byteLength(l, 'utf8') > 75) bad(`a line of ${Buffer.byteLength(l)} octets`);
        if (l.startsWith(' ') || l.startsWith('\t')) {
            if (!lines.length) bad('a continuation before any line');
            lines[lines.length - 1] += l.slice(1);
        } else lines.push(l);
    }
    const stack = [];
    const comps = [];
    let cur = null;
    for (const l of lines) {
        const c = params(l);
        if (c.name === 'BEGIN') {
            cur = { type: c.value, props: [], parent: cur };
            stack.push(c.value);
            comps.push(cur);
        } else if (c.name === 'END') {
            if (stack.pop() !== c.value) bad(`END:${c.value} closes nothing open`);
            cur = cur.parent;
        } else {
            if (!cur) bad(`${c.name} outside any component`);
            cur.props.push(c);
        }
    }
    if (stack.length) bad(`left open: ${stack.join(', ')}`);
    if (comps[0]?.type !== 'VCALENDAR' || comps.filter((c) => c.type === 'VCALENDAR').length !== 1)
        bad('not one VCALENDAR');
    const one = (comp, name) => {
        const v = comp.props.filter((p) => p.name === name);
        if (v.length !== 1) bad(`${comp.type} has ${v.length} ${name}`);
        return v[0];
    };
    const cal = comps[0];
    if (one(cal, 'VERSION').value !== '2.0') bad('VERSION is not 2.0');
    one(cal, 'PRODID');
    const events = comps.filter((c) => c.type === 'VEVENT');
    if (events.length !== 1) bad(`${events.length} VEVENTs`);
    const ev = events[0];
    for (const n of ['UID', 'DTSTAMP', 'DTSTART', 'SEQUENCE', 'ORGANIZER', 'SUMMARY', 'STATUS'])
        one(ev, n);
    if (!/^\d+$/.test(one(ev, 'SEQUENCE').value)) bad('SEQUENCE is not a whole number');
    if (!/^\d{8}T\d{6}Z$/.test(one(ev, 'DTSTAMP').value)) bad('DTSTAMP is not UTC');
    const start = one(ev, 'DTSTART');
    const tzid = start.params.TZID || null;
    if (tzid) {
        if (!/^\d{8}T\d{6}$/.test(start.value)) bad('a DTSTART with TZID is not a local time');
        const zones = comps.filter((c) => c.type === 'VTIMEZONE');
        if (!zones.some((z) => one(z, 'TZID').value === tzid)) bad(`no VTIMEZONE for ${tzid}`);
        for (const z of zones) {
            const obs = comps.filter((c) => c.parent === z);
            if (!obs.length || obs.some((o) => !['STANDARD', 'DAYLIGHT'].includes(o.type)))
                bad('a VTIMEZONE without STANDARD or DAYLIGHT');
            for (const o of obs) for (const n of ['DTSTART', 'TZOFFSETFROM', 'TZOFFSETTO']) one(o, n);
        }
    } else if (!/^\d{8}T\d{6}Z$/.test(start.value)) bad('a DTSTART without TZID is not UTC');
    const mailto = (p) => {
        if (!/^mailto:[^\s:;,]+@[^\s:;,]+$/i.test(p.value)) bad(`not a mailto: ${p.value}`);
        return p.value.slice(7);
    };
    return {
        method: one(cal, 'METHOD').value,
        uid: one(ev, 'UID').value,
        sequence: Number(one(ev, 'SEQUENCE').value),
        dtstart: start.value,
        tzid,
        offset: tzid
            ? one(comps.find((c) => c.parent && c.parent.type === 'VTIMEZONE'), 'TZOFFSETTO').value
            : null,
        status: one(ev, 'STATUS').value,
        summary: unescapeText(one(ev, 'SUMMARY').value),
        organizer: mailto(one(ev, 'ORGANIZER')),
        attendees: ev.props.filter((p) => p.name === 'ATTENDEE').map(mailto).sort(),
    };
}

for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    current = f;
    const m = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const top = part(m.data);
    const out = { file: f, envelope_to: m.to, to: null, subject: null, text: null, ical: null,
                  calendar_type: null };
    out.to = (top.h.to || '').replace(/^<|>$/g, '');
    out.subject = words(top.h.subject || '');
    for (const k of ['date', 'from', 'to', 'subject', 'message-id', 'mime-version'])
        if (!(k in top.h)) bad(`no ${k} header`);
    const ct = top.h['content-type'] || '';
    if (ct.startsWith('multipart/')) {
        const b = (ct.match(/boundary="([^"]+)"/) || [])[1];
        if (!b) bad('multipart without a boundary');
        const body = top.body;
        if (!body.includes(`--${b}--`)) bad('multipart without its closing boundary');
        const parts = body.split(`--${b}`).slice(1, -1).map((p) => part(p.replace(/^\r\n/, '')));
        for (const p of parts) {
            const t = (p.h['content-type'] || '').toLowerCase();
            if (t.startsWith('text/plain')) out.text = p.body;
            else if (t.startsWith('text/calendar')) {
                out.calendar_type = p.h['content-type'];
                out.ical = ical(p.body.replace(/\r\n$/, '\r\n'));
            }
        }
    } else {
        out.text = part(m.data).body;
    }
    console.log(JSON.stringify(out));
}
