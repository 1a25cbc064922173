// SPDX-License-Identifier: MIT
// One opening: its facts and status (with the moves its status allows), its stages with
// their counts, its description, and the criteria its applicants are screened against as the
// job reader read them from the description, which a recruiter may edit (must-haves, with
// "a|b" for alternatives; nice-to-haves; years), or put back to what was read.
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import type { PageProps } from '../../router';
import { Link } from '../../router';
import { HIRING, hasRole, useSession } from '../../session';
import { Banner, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextField, errorFor } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

type Opening = Schemas['Opening'];
type Status = Schemas['OpeningStatus'];

/** The criteria as the server keeps them (see job_criteria_json in src/core/job.c). */
interface Criteria {
  title?: string | null;
  level?: string;
  min_years?: number;
  must_have?: string[];
  must_have_groups?: { any_of: string[]; years: number }[];
  nice_to_have?: { skill: string; weight: number }[];
  edits?: { must?: string[] | null; nice?: string[] | null; years?: number | null };
}

const NEXT: Record<Status, Status[]> = {
  draft: ['open'],
  open: ['on-hold', 'closed', 'filled'],
  'on-hold': ['open', 'closed', 'filled'],
  closed: ['open'],
  filled: [],
};

function mustGroups(c: Criteria): string[] {
  if (c.must_have_groups?.length) return c.must_have_groups.map((g) => g.any_of.join('|'));
  return c.must_have ?? [];
}

/** "java, oracle|mysql" -> ["java", "oracle|mysql"]; blank items dropped. */
function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) =>
      x
        .split('|')
        .map((y) => y.trim())
        .filter(Boolean)
        .join('|'),
    )
    .filter(Boolean);
}

function CriteriaView(props: { c: Criteria }) {
  const c = props.c;
  return (
    <dl class="facts criteria">
      <dt>Title read</dt>
      <dd>
        {c.title ?? '–'} {c.level && <span class="muted">({c.level})</span>}
      </dd>
      <dt>Must have</dt>
      <dd>{mustGroups(c).map((g) => g.split('|').join(' or ')).join('; ') || 'none'}</dd>
      <dt>Nice to have</dt>
      <dd>{(c.nice_to_have ?? []).map((s) => `${s.skill} (weight ${s.weight})`).join(', ') || 'none'}</dd>
      <dt>Years</dt>
      <dd>at least {c.min_years ?? 0}</dd>
    </dl>
  );
}

function EditCriteria(props: { o: Opening; c: Criteria; onSaved: (o: Opening) => void }) {
  const [must, setMust] = useState(mustGroups(props.c).join(', '));
  const [nice, setNice] = useState((props.c.nice_to_have ?? []).map((s) => s.skill).join(', '));
  const [years, setYears] = useState(String(props.c.min_years ?? 0));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const save = async (edits: Schemas['OpeningCriteriaEdits'] | null) => {
    if (busy) return;
    setBusy(true);
    const { data, error, response } = await api.PATCH('/api/v1/openings/{id}', {
      params: { path: { id: props.o.id } },
      body: { criteria_edits: edits },
    });
    setBusy(false);
    if (!data) return setFailure(failureOf(error, response));
    setFailure(null);
    props.onSaved(data);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const y = years.trim() === '' ? null : Number(years);
    void save({ must: splitList(must), nice: splitList(nice), years: y });
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby="edit-criteria">
      <h3 id="edit-criteria">Edit the criteria</h3>
      <FailureBanner failure={failure} unlessField />
      <TextField
        label="Must have"
        value={must}
        onValue={setMust}
        hint="Skills separated by commas; alternatives joined by | (oracle|postgresql). Must-haves left out become nice-to-haves."
        error={errorFor(failure, 'criteria_edits')}
      />
      <TextField label="Nice to have" value={nice} onValue={setNice} hint="Skills separated by commas." />
      <TextField label="At least this many years" type="number" min={0} max={50} value={years} onValue={setYears} />
      <div class="form-row">
        <Button kind="primary" type="submit" busy={busy}>
          Save the criteria
        </Button>
        {props.c.edits && (
          <Button busy={busy} onClick={() => void save(null)}>
            Back to what was read
          </Button>
        )}
      </div>
    </form>
  );
}

function StatusChange(props: { o: Opening; onSaved: (o: Opening) => void }) {
  const next = NEXT[props.o.status];
  const [to, setTo] = useState<Status>(next[0] ?? props.o.status);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  if (!next.length) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/openings/{id}/status', {
      params: { path: { id: props.o.id } },
      body: { status: next.includes(to) ? to : (next[0] ?? to) },
    });
    setBusy(false);
    if (!data) return setFailure(failureOf(error, response));
    setFailure(null);
    props.onSaved(data);
  };
  return (
    <form class="form-row" onSubmit={submit}>
      <FailureBanner failure={failure} />
      <SelectField label="Change the status to" value={next.includes(to) ? to : (next[0] ?? to)} onValue={setTo} options={next.map((s) => ({ value: s, label: s }))} />
      <Button type="submit" busy={busy}>
        Change status
      </Button>
    </form>
  );
}

export default function OpeningPage(props: PageProps) {
  const id = Number(props.params.id);
  const me = useSession();
  const [tick, setTick] = useState(0);
  const [saved, setSaved] = useState<Opening | null>(null);
  const [notice, setNotice] = useState('');
  const loaded = useLoad((signal) => api.GET('/api/v1/openings/{id}', { signal, params: { path: { id } } }), [id, tick]);
  const o = saved && saved.id === id ? saved : loaded.data;
  const c = (o?.criteria ?? null) as Criteria | null;
  const may = hasRole(me, HIRING);
  const onSaved = (what: string) => (x: Opening) => {
    setSaved(x);
    setNotice(what);
    setTick((t) => t + 1);
  };
  return (
    <Page title={o ? o.title : 'Opening'} wide actions={o && <Link href={`/pipeline?opening=${o.id}`}>Pipeline</Link>}>
      <FailureBanner failure={loaded.failure} />
      {notice && <Banner kind="success">{notice}</Banner>}
      {!o ? (
        !loaded.failure && <Loading />
      ) : (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd>{o.status}</dd>
            <dt>Role profile</dt>
            <dd>{o.role ?? 'none'}</dd>
            <dt>Location</dt>
            <dd>{[o.location, o.remote].filter(Boolean).join(', ') || '–'}</dd>
            <dt>Salary</dt>
            <dd>{o.salary ? `${o.salary.min}–${o.salary.max} ${o.salary.currency}` : '–'}</dd>
            <dt>Headcount</dt>
            <dd>{o.headcount}</dd>
          </dl>
          {may && <StatusChange key={o.status} o={o} onSaved={onSaved('Status changed.')} />}
          <h2>Stages</h2>
          <ol class="stage-list">
            {o.counts.map((s) => (
              <li key={s.stage}>
                {s.stage} <span class="muted">({s.kind})</span>: {s.count}
              </li>
            ))}
          </ol>
          <h2>Criteria</h2>
          {!c ? (
            <p>No criteria: the opening has no description to read them from.</p>
          ) : (
            <>
              <p>
                {c.edits ? 'Read from the description, then edited by hand.' : 'As read from the description.'} Applicants are screened against
                these.
              </p>
              <CriteriaView c={c} />
              {may && <EditCriteria key={JSON.stringify(c)} o={o} c={c} onSaved={onSaved('Criteria saved.')} />}
            </>
          )}
          {o.description && (
            <details class="guide">
              <summary>Description</summary>
              <pre class="description">{o.description}</pre>
            </details>
          )}
        </>
      )}
    </Page>
  );
}
