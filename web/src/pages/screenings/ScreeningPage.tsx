// SPDX-License-Identifier: MIT
// A screening: its progress while the job runs (announced), then the ranked table with score
// bars, missing must-haves, capped scores marked in words, and every criterion's points with
// its reason; filtered by score and sorted by column in the browser (thousands of rows stay
// quick); CSV and HTML export; chosen rows added to the pipeline.
import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import type { PageProps } from '../../router';
import { Link } from '../../router';
import { Banner, Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Meter } from '../../ui/Charts';
import { Criteria } from '../../ui/Criteria';
import { SelectField, TextField } from '../../ui/Field';
import { formatNumber, plural } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

type Result = Schemas['ScreeningResult'];
type Score = Schemas['ScreeningScore'];

const CRITERIA = [
  ['must_have', 'Must-have skills'],
  ['nice_to_have', 'Nice-to-have skills'],
  ['total_years', 'Total years'],
  ['comparable_years', 'Comparable years'],
  ['recency', 'Recency'],
] as const;

function isScore(r: Result): r is Score {
  return 'score' in r;
}

type SortKey = 'rank' | 'name' | 'score' | 'years';

const PAGE = 100;

/** Every result of the screening, page by page (the API gives 500 at most at once). */
async function loadAll(id: number, signal: AbortSignal) {
  const all: Result[] = [];
  for (let offset = 0; offset < 100000; offset += 500) {
    const r = await api.GET('/api/v1/screenings/{id}/results', { signal, params: { path: { id }, query: { limit: 500, offset } } });
    if (!r.data) return { error: r.error, response: r.response };
    all.push(...r.data.items);
    if (all.length >= r.data.total || !r.data.items.length) return { data: all, response: r.response };
  }
  return { data: all, response: new Response() };
}

function label(r: Result, blind: boolean): string {
  if (!isScore(r) || blind) return `Resume ${r.resume}`;
  return r.name || r.filename || `Resume ${r.resume}`;
}

export default function ScreeningPage({ params }: PageProps) {
  const id = Number(params.id);
  const [tick, setTick] = useState(0);
  const job = useLoad((signal) => api.GET('/api/v1/screenings/{id}', { signal, params: { path: { id } } }), [id, tick]);
  const running = job.data?.state === 'queued' || job.data?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const t = window.setTimeout(() => setTick((n) => n + 1), 1000);
    return () => window.clearTimeout(t);
  }, [running, tick]);
  const done = job.data && !running;
  const results = useLoad<Result[] | null>(
    async (signal) => (done ? loadAll(id, signal) : { data: null, response: new Response() }),
    [id, done],
  );
  const [min, setMin] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: 'rank', up: true });
  const [open, setOpen] = useState<number | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  // draw a page of rows at a time: sorting and filtering thousands stays quick
  const [shown, setShown] = useState(PAGE);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const openings = useLoad((signal) => api.GET('/api/v1/openings', { signal, params: { query: { limit: 100 } } }), []);
  const choices = (openings.data?.items ?? []).filter((o) => o.status !== 'closed' && o.status !== 'filled');
  const [opening, setOpening] = useState('');
  // the opening chosen, else the first open one: every way into the pipeline is an application
  const into = choices.find((o) => String(o.id) === opening) ?? choices.find((o) => o.status === 'open') ?? choices[0];
  const blind = !!job.data?.blind;
  const rows = useMemo(() => {
    const floor = Number(min) || 0;
    const xs = (results.data ?? []).filter((r) => (floor ? isScore(r) && r.score >= floor : true));
    const val = (r: Result): number | string =>
      sort.key === 'name' ? label(r, blind).toLowerCase() : sort.key === 'score' ? (isScore(r) ? r.score : -1) : sort.key === 'years' ? (isScore(r) ? r.experience_years : -1) : r.rank;
    // each row's key once, not at every comparison (a name is a string built per call)
    const keyed = xs.map((r) => ({ r, v: val(r) }));
    keyed.sort((a, b) => {
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : a.r.rank - b.r.rank;
      return sort.up ? c : -c;
    });
    return keyed.map((k) => k.r);
  }, [results.data, min, sort, blind]);

  const head = (key: SortKey, text: string, num = false) => (
    <th scope="col" class={num ? 'num' : undefined} aria-sort={sort.key === key ? (sort.up ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="btn btn-link" onClick={() => setSort({ key, up: sort.key === key ? !sort.up : key !== 'score' && key !== 'years' })}>
        {text}
        {sort.key === key ? (sort.up ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );

  const addToPipeline = async () => {
    if (busy) return;
    setBusy(true);
    let added = 0;
    let already = 0;
    let last: Failure | null = null;
    for (const r of (results.data ?? []).filter((x) => chosen.has(x.resume))) {
      if (r.candidate && !into) {
        already++;
        continue;
      }
      const { data, error, response } = r.candidate
        ? await api.POST('/api/v1/openings/{id}/applications', { params: { path: { id: into?.id ?? 0 } }, body: { candidate: r.candidate, source: 'screening' } })
        : await api.POST('/api/v1/candidates', { body: { screening: id, resume: r.resume, ...(into ? { opening: into.id } : {}) } });
      if (data) added++;
      else if (response.status === 409) already++;
      else last = failureOf(error, response);
    }
    setBusy(false);
    setFailure(last);
    setNotice(`${plural(added, 'candidate')} added to the pipeline${into ? ` of ${into.title}` : ''}${already ? `; ${already} already there` : ''}.`);
    setChosen(new Set());
    results.reload();
  };

  const total = job.data?.total ?? 0;
  return (
    <Page title={`Screening ${id}`} wide actions={<Link href="/screenings/new">New screening</Link>}>
      <FailureBanner failure={job.failure ?? results.failure ?? failure} />
      {notice && (
        <Banner kind="success">
          {notice} <Link href={into ? `/pipeline?opening=${into.id}` : '/pipeline'}>Open the pipeline</Link>
        </Banner>
      )}
      {!job.data ? (
        !job.failure && <Loading />
      ) : (
        <>
          <p role="status" aria-live="polite">
            {running
              ? `${job.data.state === 'queued' ? 'Queued' : 'Screening'}: ${job.data.done} of ${total} resumes done.`
              : job.data.state === 'failed'
                ? `The screening failed: ${job.data.error ?? 'no reason given'}.`
                : `Done: ${plural(total - job.data.failed, 'resume')} ranked, ${job.data.failed} could not be read.`}
          </p>
          {running && <progress max={total || 1} value={job.data.done} aria-label="Screening progress" />}
          <details class="guide">
            <summary>Criteria{blind ? ' (blind screening)' : ''}</summary>
            <Criteria role={job.data.criteria} />
          </details>
        </>
      )}
      {done && !results.data && !results.failure && <Loading label="Loading the results…" />}
      {results.data && (
        <>
          <div class="form-row filters">
            <TextField label="Lowest score shown" type="number" min={0} max={100} value={min} onValue={setMin} />
            <p class="actions">
              <a href={`/api/v1/screenings/${id}/report?format=csv`} download={`screening-${id}.csv`}>
                Export CSV
              </a>{' '}
              ·{' '}
              <a href={`/api/v1/screenings/${id}/report?format=html`} download={`screening-${id}.html`}>
                Export HTML report
              </a>
            </p>
            {choices.length > 0 && (
              <SelectField
                label="Into the pipeline of"
                value={String(into?.id ?? '')}
                onValue={setOpening}
                options={choices.map((o) => ({ value: String(o.id), label: `${o.title} (${o.status})` }))}
              />
            )}
            <Button kind="primary" busy={busy} disabled={!chosen.size} onClick={addToPipeline}>
              Add {plural(chosen.size, 'chosen resume')} to the pipeline
            </Button>
          </div>
          <p class="sr-only" role="status">
            {plural(rows.length, 'result')} match
          </p>
          {!rows.length ? (
            <Empty>No result at or above that score.</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label="Ranked results">
              <table class="data ranked">
                <caption class="sr-only">Resumes ranked by score</caption>
                <colgroup>
                  <col class="pick" />
                  <col class="rank" />
                  <col />
                  <col class="score" />
                  <col />
                  <col class="years" />
                  <col class="why" />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">
                      <span class="sr-only">Choose</span>
                    </th>
                    {head('rank', 'Rank', true)}
                    {head('name', blind ? 'Resume' : 'Candidate')}
                    {head('score', 'Score')}
                    <th scope="col">Missing must-haves</th>
                    {head('years', 'Years', true)}
                    <th scope="col">
                      <span class="sr-only">Reasons</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {/* keyed by place, not by resume: a new order then rewrites the rows drawn
                      in place instead of building a hundred new ones (every cell follows r) */}
                  {rows.slice(0, shown).map((r, place) => (
                    <Fragment key={place}>
                      <tr>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Choose ${label(r, blind)}`}
                            checked={chosen.has(r.resume)}
                            disabled={!isScore(r)}
                            onChange={(e) => {
                              const next = new Set(chosen);
                              if ((e.currentTarget as HTMLInputElement).checked) next.add(r.resume);
                              else next.delete(r.resume);
                              setChosen(next);
                            }}
                          />
                        </td>
                        <td class="num">{r.rank}</td>
                        <td>{r.candidate ? <Link href={`/candidates/${r.candidate}`}>{label(r, blind)}</Link> : label(r, blind)}</td>
                        <td>
                          {isScore(r) ? (
                            <>
                              <Meter value={r.score} max={100} label={formatNumber(r.score)} />
                              {r.capped && <span class="capped"> capped at 50</span>}
                            </>
                          ) : (
                            <span class="error">{r.error}</span>
                          )}
                        </td>
                        <td>{isScore(r) ? r.must_have_missing.join(', ') || '–' : ''}</td>
                        <td class="num">{isScore(r) ? formatNumber(r.experience_years) : ''}</td>
                        <td>
                          {isScore(r) && (
                            <Button kind="link" aria-expanded={open === r.resume} onClick={() => setOpen(open === r.resume ? null : r.resume)}>
                              {open === r.resume ? 'Hide' : 'Why'}
                              <span class="sr-only"> {label(r, blind)}</span>
                            </Button>
                          )}
                        </td>
                      </tr>
                      {open === r.resume && isScore(r) && (
                        <tr>
                          <td colSpan={7}>
                            <ul class="reasons">
                              {CRITERIA.map(([k, name]) => (
                                <li key={k}>
                                  <strong>
                                    {name}: {formatNumber(r.breakdown[k].points)} of {r.breakdown[k].max}
                                  </strong>{' '}
                                  {r.reasons[k]}
                                </li>
                              ))}
                            </ul>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {rows.length > shown && (
            <p>
              Showing the first {shown} of {rows.length}.{' '}
              <Button onClick={() => setShown(shown + PAGE)}>Show {Math.min(PAGE, rows.length - shown)} more</Button>
            </p>
          )}
        </>
      )}
    </Page>
  );
}
