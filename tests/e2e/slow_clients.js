// SPDX-License-Identifier: MIT
// Slow clients for the slowloris test (tests/e2e/test_limits.sh), loopback only and bounded:
//
//     node slow_clients.js PORT COUNT INTERVAL_MS DURATION_MS [LOCAL_ADDRESS]
//
// opens COUNT connections to 127.0.0.1:PORT, each sending a request line and then one header
// line every INTERVAL_MS, never ending the head; after DURATION_MS it closes what is left and
// prints one JSON line: how many connected, how many the server closed (refused at once, or
// cut later) and after how long at most, and how many were still open at the end.
'use strict';
const net = require('net');

const [port, count, interval, duration] = process.argv.slice(2, 6).map(Number);
const local = process.argv[6] || undefined;
if (!port || !count || !interval || !duration || duration > 60000 || count > 5000) {
    process.stderr.write('usage: node slow_clients.js PORT COUNT INTERVAL_MS DURATION_MS ' +
                         '[LOCAL_ADDRESS] (60 s and 5000 connections at most)\n');
    process.exit(2);
}
const t0 = Date.now();
const stats = { connected: 0, closed_by_server: 0, failed: 0, open_at_end: 0, last_close_ms: 0 };
const sockets = new Set();
let ending = false;

for (let i = 0; i < count; i++) {
    const s = net.connect({ host: '127.0.0.1', port, localAddress: local });
    let timer = null;
    s.setNoDelay(true);
    s.on('connect', () => {
        stats.connected++;
        s.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        let n = 0;
        timer = setInterval(() => s.write(`X-Slow-${n++}: ${'a'.repeat(8)}\r\n`), interval);
    });
    s.on('data', () => {}); /* an answer (408, 503...) is as good as a close */
    s.on('error', () => {});
    s.on('close', () => {
        if (timer)
            clearInterval(timer);
        sockets.delete(s);
        if (ending)
            return;
        if (s.connectedOnce === false)
            stats.failed++;
        else
            stats.closed_by_server++;
        stats.last_close_ms = Date.now() - t0;
    });
    s.once('connect', () => { s.connectedOnce = true; });
    s.connectedOnce = false;
    sockets.add(s);
}

setTimeout(() => {
    ending = true;
    stats.open_at_end = sockets.size;
    for (const s of sockets)
        s.destroy();
    process.stdout.write(JSON.stringify(stats) + '\n');
    process.exit(0);
}, duration);
