// SPDX-License-Identifier: MIT
// One candidate: contact, resumes (the original to download and the parsed view), the stage
// with its history and a "Move to", interviews with each panel member's scorecard state,
// the debrief; for admins, the export and the erasure (which asks for the name typed).
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import type { PageProps } from '../../router';
import { Link } from '../../router';
import { ADMIN, HIRING, hasRole, useSession } from '../../session';
import { Banner, Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { formatNumber, formatTime, plural } from '../../ui/format';
import { MoveDialog, stageLabel } from '../../ui/MoveStage';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { PanelStates } from '../interviews/InterviewsPage';
import '../../ui/hiring.css';

type Candidate = Schemas['CandidateWithResumes'];

function Parsed(props: { id: number }) {
  const r = useLoad((signal) => api.GET('/api/v1/resumes/{id}', { signal, params: { path: { id: props.id } } }), [props.id]);
  const p = r.data?.parsed;
  if (r.failure) return <FailureBanner failure={r.failure} />;
  if (!r.data) return <Loading />;
  if (!p) return <p>Not parsed: {r.data.error ?? 'the file could not be read'}.</p>;
  return (
    <div class="card">
      <dl class="facts">
        <dt>Name read</dt>
        <dd>{p.name ?? '–'}</dd>
        <dt>Email read</dt>
        <dd>{p.email ?? '–'}</dd>
        <dt>Phone read</dt>
        <dd>{p.phone ?? '–'}</dd>
        <dt>Experience</dt>
        <dd>{formatNumber(p.experience_years)} years</dd>
        <dt>Skills</dt>
        <dd>{p.skills.map((s) => `${s.skill}${s.last_used ? ` (${s.last_used})` : ''}`).join(', ') || '–'}</dd>
        <dt>Education</dt>
        <dd>{p.education.join('; ') || '–'}</dd>
      </dl>
      {p.positions.length > 0 && (
        <>
          <h3>Positions</h3>
          <ul>
            {p.positions.map((x, i) => (
              <li key={i}>{[x.title, x.company, x.start, x.end].filter(Boolean).join(' · ')}</li>
            ))}
          </ul>
        </>
      )}
      {p.warnings.length > 0 && <Banner kind="warning">{p.warnings.join(' ')}</Banner>}
    </div>
  );
}

function Erase(props: { c: Candidate; onErased: () => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const erase = async (e: Event) => {
    e.preventDefault();
    if (busy || typed !== props.c.name) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/candidates/{id}/erase', { params: { path: { id: props.c.id } }, body: { confirm: true } });
    setBusy(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setOpen(false);
    props.onErased();
  };
  return (
    <>
      <Button kind="danger" onClick={() => setOpen(true)}>
        Erase…
      </Button>
      <Dialog open={open} title="Erase this candidate's personal data?" onClose={() => setOpen(false)}>
        <form class="form" onSubmit={erase}>
          <FailureBanner failure={failure} />
          <p>
            Their name, contact details, resumes and every note about them are removed for good; ratings stay, without them. Type their name to confirm.
          </p>
          <TextField label="The candidate's name" value={typed} onValue={setTyped} autocomplete="off" hint={`Type: ${props.c.name}`} />
          <div class="dialog-actions">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button kind="danger" type="submit" busy={busy} disabled={typed !== props.c.name}>
              Erase
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

/** One application: its opening, stage and source, and the answers given on the careers form
 * to the opening's own questions (a file answer links to the file, kept as a resume). */
function ApplicationItem(props: { id: number }) {
  const a = useLoad((signal) => api.GET('/api/v1/applications/{id}', { signal, params: { path: { id: props.id } } }), [props.id]);
  const openingId = a.data?.opening ?? 0;
  const o = useLoad(
    (signal) => api.GET('/api/v1/openings/{id}', { signal, params: { path: { id: openingId } } }),
    [openingId],
  );
  if (a.failure) return <FailureBanner failure={a.failure} />;
  if (!a.data) return <Loading />;
  const answers = Object.entries(a.data.answers);
  const label = (q: string) => o.data?.questions.find((x) => x.id === q)?.label ?? q;
  return (
    <>
      <Link href={`/pipeline?opening=${a.data.opening}`}>{a.data.opening_title}</Link>: {a.data.stage}{' '}
      <span class="muted">({a.data.source})</span>
      {answers.length > 0 && (
        <dl class="facts">
          {answers.map(([q, v]) => (
            <Fragment key={q}>
              <dt>{label(q)}</dt>
              <dd>
                {typeof v === 'string' ? (
                  v
                ) : (
                  <a href={`/api/v1/resumes/${v.file}/original`} download={v.filename}>
                    {v.filename}
                  </a>
                )}
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
    </>
  );
}

async function exportCandidate(id: number): Promise<Failure | null> {
  const { data, error, response } = await api.GET('/api/v1/candidates/{id}/export', { params: { path: { id } } });
  if (!data) return failureOf(error, response);
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `candidate-${id}.json`;
  a.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  return null;
}

export default function CandidatePage({ params }: PageProps) {
  const id = Number(params.id);
  const me = useSession();
  const [tick, setTick] = useState(0);
  const [moving, setMoving] = useState(false);
  const [parsedOf, setParsedOf] = useState(0);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const c = useLoad((signal) => api.GET('/api/v1/candidates/{id}', { signal, params: { path: { id } } }), [id, tick]);
  const ivs = useLoad((signal) => api.GET('/api/v1/interviews', { signal, params: { query: { candidate: id, limit: 500 } } }), [id, tick]);
  const apps = useLoad((signal) => api.GET('/api/v1/candidates/{id}/applications', { signal, params: { path: { id } } }), [id, tick]);
  const d = c.data;
  return (
    <Page
      title={d?.name ?? 'Candidate'}
      actions={
        d && (
          <>
            <Link href={`/candidates/${id}/debrief`}>Debrief</Link>
            {hasRole(me, HIRING) && (
              <>
                {' · '}
                <Link href={`/interviews/new?candidate=${id}`}>Schedule an interview</Link>
              </>
            )}
          </>
        )
      }
    >
      {notice && <Banner kind="success">{notice}</Banner>}
      <FailureBanner failure={c.failure ?? failure} />
      {!d ? (
        !c.failure && <Loading />
      ) : (
        <>
          {d.erased_at && <Banner kind="info">This candidate's personal data was erased on {formatTime(d.erased_at)}.</Banner>}
          <div class="two-col">
            <section aria-labelledby="contact-h">
              <h2 id="contact-h">Contact</h2>
              <dl class="facts">
                <dt>Email</dt>
                <dd>{d.email ? <a href={`mailto:${d.email}`}>{d.email}</a> : '–'}</dd>
                <dt>Phone</dt>
                <dd>{d.phone ?? '–'}</dd>
                <dt>Role</dt>
                <dd>{d.role ?? '–'}</dd>
                <dt>Stage</dt>
                <dd>
                  {stageLabel(d.stage)}{' '}
                  {hasRole(me, HIRING) && !d.erased_at && (
                    <Button kind="link" onClick={() => setMoving(true)}>
                      Move to…
                    </Button>
                  )}
                </dd>
              </dl>
              {hasRole(me, ADMIN) && (
                <p class="actions">
                  <Button
                    onClick={async () => {
                      const f = await exportCandidate(id);
                      setFailure(f);
                      if (!f) setNotice('The export was downloaded (JSON).');
                    }}
                  >
                    Export (JSON)
                  </Button>{' '}
                  {!d.erased_at && (
                    <Erase
                      c={d}
                      onErased={() => {
                        setNotice('The candidate was erased.');
                        setTick((t) => t + 1);
                      }}
                    />
                  )}
                </p>
              )}
            </section>
            <section aria-labelledby="history-h">
              <h2 id="history-h">Stage history</h2>
              <ol>
                {d.history.map((h, i) => (
                  <li key={i}>
                    {formatTime(h.at)}: {h.from ? `${stageLabel(h.from)} → ` : ''}
                    {stageLabel(h.to)} by {h.by}
                    {h.reason ? `: ${h.reason}` : ''}
                  </li>
                ))}
              </ol>
            </section>
          </div>
          <h2>Applications</h2>
          {!apps.data?.items.length ? (
            !apps.failure && <Empty>No application.</Empty>
          ) : (
            <ul>
              {apps.data.items.map((x) => (
                <li key={x.id}>
                  <ApplicationItem id={x.id} />
                </li>
              ))}
            </ul>
          )}
          <h2>Resumes</h2>
          {!d.resumes.length ? (
            <Empty>No resume.</Empty>
          ) : (
            <ul>
              {d.resumes.map((r) => (
                <li key={r.id}>
                  {r.filename} <span class="muted">({r.format ?? 'unreadable'}, {formatTime(r.created_at)})</span>{' '}
                  <a href={`/api/v1/resumes/${r.id}/original`} download={r.filename}>
                    Download the original<span class="sr-only"> of {r.filename}</span>
                  </a>{' '}
                  <Button kind="link" aria-expanded={parsedOf === r.id} onClick={() => setParsedOf(parsedOf === r.id ? 0 : r.id)}>
                    {parsedOf === r.id ? 'Hide' : 'Show'} what was read<span class="sr-only"> from {r.filename}</span>
                  </Button>
                  {parsedOf === r.id && <Parsed id={r.id} />}
                </li>
              ))}
            </ul>
          )}
          <h2>Interviews</h2>
          <FailureBanner failure={ivs.failure} />
          {!ivs.data?.items.length ? (
            <Empty>No interview yet.</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label="Interviews">
              <table class="data">
                <caption class="sr-only">Interviews and each panel member's scorecard</caption>
                <thead>
                  <tr>
                    <th scope="col">Interview</th>
                    <th scope="col">When</th>
                    <th scope="col">Panel and scorecards</th>
                  </tr>
                </thead>
                <tbody>
                  {ivs.data.items.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link href={`/interviews/${s.id}`}>
                          {s.stage}, {plural(s.minutes, 'minute')}
                        </Link>
                      </td>
                      <td>{s.scheduled_at ? formatTime(s.scheduled_at) : '–'}</td>
                      <td>
                        <PanelStates panel={s.panel} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <MoveDialog
            candidate={moving ? d : null}
            onCancel={() => setMoving(false)}
            onMoved={(x) => {
              setMoving(false);
              setNotice(`${x.name} is now ${stageLabel(x.stage)}.`);
              setTick((t) => t + 1);
            }}
          />
        </>
      )}
    </Page>
  );
}
