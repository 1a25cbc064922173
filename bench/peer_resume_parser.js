// SPDX-License-Identifier: MIT
// Rubric and npm's resume-parser 1.1.0 side by side on the same synthetic text resumes
// (bench/gen_resumes): resumes a second, and skill recall against the skills the generator
// put in each resume (LABELS, from gen_resumes --labels). Both run on one core: `rubric
// parse --json DIR`, and resume-parser in this process over the same files, many at a time
// because each file waits on a 200 ms timer of its own.
//
// resume-parser as published needs help (see /work/shared/NOTES.md): it is driven through
// parseResumeFile() (its parseResume() calls a function that does not exist), mime@1.6.0 is
// installed beside it, its trace logging is turned down to errors, and its fetching of
// GitHub and LinkedIn profile pages is turned off. Any connection attempt is refused and
// fails the run, so the benchmark never touches the network.
//
// Its "skills" are the text of the resume's skills section, not a list of skills: a skill
// counts as found when its written form stands as a word in that text. Rubric's are
// taxonomy names: a skill counts when `rubric parse` names it.
//
// usage: node bench/peer_resume_parser.js DIR LABELS RUBRIC [CONCURRENCY]
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

// ---- no network: every way out of the machine throws, and is counted ------------------
let netAttempts = 0;
function refuse() {
  netAttempts++;
  throw new Error('bench: network access is off in this benchmark');
}
for (const mod of ['http', 'https']) {
  const m = require(mod);
  m.request = refuse;
  m.get = refuse;
}
{
  const net = require('net');
  net.connect = refuse;
  net.createConnection = refuse;
  net.Socket.prototype.connect = refuse;
  require('tls').connect = refuse;
  const dns = require('dns');
  dns.lookup = refuse;
  dns.resolve = refuse;
}

const [dir, labelsFile, rubric, concArg] = process.argv.slice(2);
if (!dir || !labelsFile || !rubric) {
  console.error('usage: node bench/peer_resume_parser.js DIR LABELS RUBRIC [CONCURRENCY]');
  process.exit(2);
}
const concurrency = Math.max(1, parseInt(concArg || '500', 10));
const root = path.join(__dirname, '..');
const rpDir = path.dirname(require.resolve('resume-parser/package.json', { paths: [root] }));
const fromRp = (m) => require(require.resolve(m, { paths: [rpDir] }));

const parseIt = require(path.join(rpDir, 'src/utils/parseIt.js'));
// its modules log every step at trace level to stdout; 5 is 'error' in tracer's methods
fromRp('tracer').setLevel(5);
// profile links are kept as text, without the handlers that download the pages
const dictionary = require(path.join(rpDir, 'src/dictionary.js'));
dictionary.profiles = dictionary.profiles.map((p) => (Array.isArray(p) ? p[0] : p));

// ---- the corpus and its labels ----------------------------------------------------------
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => path.join(dir, f));
const labels = new Map(); // "r000001" -> [{name, written, listed}]
for (const line of fs.readFileSync(labelsFile, 'utf8').split('\n')) {
  if (!line) continue;
  const [id, name, written, listed] = line.split('\t');
  if (!labels.has(id)) labels.set(id, []);
  labels.get(id).push({ name, written, listed: listed === '1' });
}
const idOf = (file) => path.basename(file).replace(/\.[^.]*$/, '');

// found(id, label) -> bool; returns recall overall, for listed skills and for the others
function recall(found) {
  const r = { all: [0, 0], listed: [0, 0], other: [0, 0] };
  for (const file of files) {
    for (const l of labels.get(idOf(file)) || []) {
      const hit = found(idOf(file), l) ? 1 : 0;
      for (const k of ['all', l.listed ? 'listed' : 'other']) {
        r[k][0] += hit;
        r[k][1]++;
      }
    }
  }
  const pct = ([a, b]) => (b ? (100 * a) / b : NaN);
  return { all: pct(r.all), listed: pct(r.listed), other: pct(r.other) };
}

// ---- Rubric -----------------------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-peer-'));
const rubricOut = path.join(tmp, 'rubric.jsonl');
let t0 = process.hrtime.bigint();
const fd = fs.openSync(rubricOut, 'w');
const run = spawnSync(rubric, ['parse', '--json', dir], { stdio: ['ignore', fd, 'inherit'] });
fs.closeSync(fd);
const rubricSec = Number(process.hrtime.bigint() - t0) / 1e9;
if (run.status !== 0) {
  console.error(`bench: ${rubric} parse exited with ${run.status}`);
  process.exit(1);
}
const rubricSkills = new Map();
for (const line of fs.readFileSync(rubricOut, 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  rubricSkills.set(idOf(r.file), new Set((r.skills || []).map((s) => s.skill)));
}
const rubricRecall = recall((id, l) => (rubricSkills.get(id) || new Set()).has(l.name));

// ---- resume-parser ----------------------------------------------------------------------
const rpOut = path.join(tmp, 'resume-parser');
fs.mkdirSync(rpOut);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function standsAsWord(text, word) {
  const re = new RegExp('(^|[^a-z0-9])' + escape(word.toLowerCase()) + '(?![a-z0-9+#])');
  return re.test(text.toLowerCase());
}

function runPeer(done) {
  let next = 0;
  let running = 0;
  let failed = 0;
  const start = () => {
    while (running < concurrency && next < files.length) {
      const file = files[next++];
      running++;
      parseIt.parseResumeFile(file, rpOut, (name, err) => {
        if (err) failed++;
        running--;
        if (next < files.length) start();
        else if (running === 0) done(failed);
      });
    }
  };
  start();
}

t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
runPeer((failed) => {
  const rpSec = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const rpCpuSec = (cpu.user + cpu.system) / 1e6;
  const rpSkills = new Map();
  for (const file of files) {
    const out = path.join(rpOut, path.basename(file) + '.json');
    const parts = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : {};
    rpSkills.set(idOf(file), typeof parts.skills === 'string' ? parts.skills : '');
  }
  const rpRecall = recall((id, l) => standsAsWord(rpSkills.get(id), l.written));
  fs.rmSync(tmp, { recursive: true, force: true });

  const n = files.length;
  const f1 = (x) => x.toFixed(1).padStart(6) + '%';
  console.log(
    `Resume parsers side by side: ${n} text resumes, ${labels.size} labelled, one core each\n`
  );
  console.log(
    'tool                 resumes/s   seconds | skill recall  SKILLS list  elsewhere only'
  );
  const row = (name, sec, r) =>
    console.log(
      `${name.padEnd(20)} ${String(Math.round(n / sec)).padStart(9)} ${sec
        .toFixed(2)
        .padStart(9)} | ${f1(r.all).padStart(12)} ${f1(r.listed).padStart(12)} ${f1(
        r.other
      ).padStart(15)}`
    );
  row('rubric parse', rubricSec, rubricRecall);
  row('resume-parser 1.1.0', rpSec, rpRecall);
  console.log(
    `\nrubric is ${(rpSec / rubricSec).toFixed(1)}x as fast; resume-parser ran ${concurrency} ` +
      `files at a time and used ${rpCpuSec.toFixed(2)} CPU s (${Math.round(n / rpCpuSec)} ` +
      `resumes per CPU second); ${failed} files failed; network attempts refused: ${netAttempts}`
  );
  if (failed || netAttempts) process.exitCode = 1;
});
