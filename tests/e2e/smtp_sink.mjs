// SPDX-License-Identifier: MIT
// A tiny SMTP server for the mail tests, on loopback only: it speaks just enough SMTP for
// libcurl (220, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no STARTTLS, no AUTH) and
// writes each message it accepts to DIR as N.json ({from, to: [...], data}), renamed into
// place whole. Usage: node smtp_sink.mjs DIR PORTFILE [PORT] (port 0 or none: any free one;
// the port listened on is written to PORTFILE once it listens).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const [dir, portFile, wanted] = process.argv.slice(2);
if (!dir || !portFile) {
    console.error('usage: node smtp_sink.mjs DIR PORTFILE [PORT]');
    process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });
let count = 0;
const MAX_MESSAGE = 4 << 20;

const server = net.createServer((sock) => {
    let buf = '';
    let inData = false;
    let data = '';
    let from = null;
    let to = [];
    const say = (line) => sock.write(line + '\r\n');
    say('220 sink.test ESMTP ready');
    sock.setEncoding('latin1'); // bytes as they came: the message is ASCII (base64 bodies)
    sock.on('data', (chunk) => {
        buf += chunk;
        for (;;) {
            if (inData) {
                const end = buf.indexOf('\r\n.\r\n');
                if (end < 0) {
                    if (buf.length > MAX_MESSAGE) sock.destroy();
                    return;
                }
                data = buf.slice(0, end + 2).replace(/^\.\./gm, '.'); // undo dot-stuffing
                buf = buf.slice(end + 5);
                inData = false;
                const name = path.join(dir, `${String(++count).padStart(4, '0')}.json`);
                fs.writeFileSync(name + '.tmp', JSON.stringify({ from, to, data }));
                fs.renameSync(name + '.tmp', name);
                from = null;
                to = [];
                say('250 2.0.0 queued');
                continue;
            }
            const eol = buf.indexOf('\r\n');
            if (eol < 0) return;
            const line = buf.slice(0, eol);
            buf = buf.slice(eol + 2);
            const verb = line.slice(0, 4).toUpperCase();
            if (verb === 'EHLO') {
                say('250-sink.test');
                say('250 8BITMIME');
            } else if (verb === 'HELO') say('250 sink.test');
            else if (verb === 'MAIL') {
                from = (line.match(/<([^>]*)>/) || [])[1] ?? null;
                say('250 2.1.0 ok');
            } else if (verb === 'RCPT') {
                to.push((line.match(/<([^>]*)>/) || [])[1]);
                say('250 2.1.5 ok');
            } else if (verb === 'DATA') {
                if (!from || !to.length) say('503 5.5.1 MAIL and RCPT first');
                else {
                    inData = true;
                    say('354 end with <CRLF>.<CRLF>');
                }
            } else if (verb === 'RSET') {
                from = null;
                to = [];
                say('250 ok');
            } else if (verb === 'NOOP') say('250 ok');
            else if (verb === 'QUIT') {
                say('221 bye');
                sock.end();
                return;
            } else say('502 5.5.2 not here');
        }
    });
    sock.on('error', () => {});
});
server.listen(Number(wanted || 0), '127.0.0.1', () => {
    fs.writeFileSync(portFile + '.tmp', String(server.address().port));
    fs.renameSync(portFile + '.tmp', portFile);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
