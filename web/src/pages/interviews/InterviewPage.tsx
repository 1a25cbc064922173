// SPDX-License-Identifier: MIT
// The interview page: the kit question by question, its guidance beside a notes field and a
// 1-4 rating whose anchors show as the interviewer points at a value; competency ratings
// derived as the server derives them (an override asks for its reason); the recommendation.
// What is typed is saved as the author's draft on the server a moment after each change, so
// a reload or a closed tab loses nothing. Submitting asks first; afterwards the card is read
// only and a change is an amendment with a reason.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import type { PageProps } from '../../router';
import { Link } from '../../router';
import { HIRING, hasRole, useSession } from '../../session';
import { Banner, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Confirm } from '../../ui/Dialog';
import { TextArea } from '../../ui/Field';
import { formatTime, plural } from '../../ui/format';
import { Markdown } from '../../ui/Markdown';
import { Page } from '../../ui/Page';
import { RatingBadge, RatingInput, RECOMMENDATIONS, deriveRating, type Recommendation } from '../../ui/Rating';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

// the parts of these that the page reads (the blank card's null fields are not among them)
type Interview = Omit<Schemas['Interview'], 'kit'> & { kit: Omit<Schemas['Kit'], 'scorecard'> };
type KitQuestion = Schemas['KitQuestion'];
type Template = Omit<Schemas['ScorecardTemplate'], 'recommendation' | 'notes'>;
type Scorecard = Schemas['Scorecard'];

/** What the interviewer fills in, and what the draft keeps. */
export interface CardState {
  ratings: { question: string; rating: number | null; notes: string }[];
  competencies: { competency: string; rating: number | null; override_reason: string }[];
  recommendation: Recommendation | null;
  notes: string;
  /** per question: the indexes of the "good answer shows" points heard */
  heard: Record<string, number[]>;
}

function blank(t: Template): CardState {
  return {
    ratings: t.ratings.map((r) => ({ question: r.question, rating: null, notes: '' })),
    competencies: t.competencies.map((c) => ({ competency: c.competency, rating: null, override_reason: '' })),
    recommendation: null,
    notes: '',
    heard: {},
  };
}

/** A saved draft laid over the template: only what still fits the template is taken. */
function fromDraft(t: Template, d: unknown): CardState {
  const s = blank(t);
  if (typeof d !== 'object' || d === null) return s;
  const o = d as Partial<CardState>;
  for (const r of Array.isArray(o.ratings) ? o.ratings : []) {
    const at = s.ratings.find((x) => x.question === r?.question);
    if (!at) continue;
    at.rating = typeof r.rating === 'number' && r.rating >= 1 && r.rating <= 4 ? r.rating : null;
    at.notes = typeof r.notes === 'string' ? r.notes : '';
  }
  for (const c of Array.isArray(o.competencies) ? o.competencies : []) {
    const at = s.competencies.find((x) => x.competency === c?.competency);
    if (!at) continue;
    at.rating = typeof c.rating === 'number' && c.rating >= 1 && c.rating <= 4 ? c.rating : null;
    at.override_reason = typeof c.override_reason === 'string' ? c.override_reason : '';
  }
  if (RECOMMENDATIONS.some((r) => r.value === o.recommendation)) s.recommendation = o.recommendation ?? null;
  if (typeof o.notes === 'string') s.notes = o.notes;
  if (o.heard && typeof o.heard === 'object') s.heard = o.heard;
  return s;
}

/** A submitted card as the editor's state (for an amendment). */
function fromCard(t: Template, c: Scorecard): CardState {
  const s = blank(t);
  for (const r of c.ratings) {
    const at = s.ratings.find((x) => x.question === r.question);
    if (at) {
      at.rating = r.rating ?? null;
      at.notes = r.notes ?? '';
    }
  }
  for (const k of c.competencies) {
    const at = s.competencies.find((x) => x.competency === k.competency);
    if (at) {
      at.rating = k.rating === k.derived ? null : k.rating;
      at.override_reason = k.override_reason ?? '';
    }
  }
  s.recommendation = c.recommendation;
  s.notes = c.notes ?? '';
  return s;
}

function derivedOf(s: CardState, t: Template, competency: string): number | null {
  const qs = new Set(t.ratings.filter((r) => r.competency === competency).map((r) => r.question));
  return deriveRating(s.ratings.filter((r) => qs.has(r.question)).map((r) => r.rating));
}

/** The body the server takes (ScorecardInput): empty notes as null, derived ratings as null. */
function toInput(s: CardState, t: Template): Schemas['ScorecardInput'] {
  return {
    recommendation: s.recommendation ?? 'yes',
    notes: s.notes.trim() ? s.notes : null,
    ratings: s.ratings.map((r) => ({ question: r.question, rating: r.rating, notes: r.notes.trim() ? r.notes : null })),
    competencies: s.competencies.map((c) => {
      const d = derivedOf(s, t, c.competency);
      const given = c.rating !== null && c.rating !== d ? c.rating : null;
      return { competency: c.competency, rating: given, override_reason: given ? c.override_reason : null };
    }),
  };
}

/** Where a problem's field points: a question index, a competency index, or a name. */
function fieldAt(f: Failure | null): { q?: number; c?: number; name?: string } {
  if (!f?.field) return {};
  const m = /^(ratings|competencies)\[(\d+)\]/.exec(f.field);
  if (m) return m[1] === 'ratings' ? { q: Number(m[2]) } : { c: Number(m[2]) };
  return { name: f.field };
}

type SaveState = 'idle' | 'saving' | 'saved' | 'retrying' | 'conflict' | 'failed';

/** Saves the draft a moment after each change; says how it went. */
function useDraftSaver(interview: number, enabled: boolean, initialRevision: number | null) {
  const [state, setState] = useState<SaveState>('idle');
  const [detail, setDetail] = useState('');
  const revision = useRef<number | null>(initialRevision);
  const pending = useRef<CardState | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const running = useRef(false);
  useEffect(() => {
    revision.current = initialRevision;
  }, [initialRevision]);

  const flush = async () => {
    if (running.current || !pending.current) return;
    running.current = true;
    const draft = pending.current;
    pending.current = null;
    setState('saving');
    // a save that takes long is a lost connection: the client retries it behind a banner
    const slow = window.setTimeout(() => setState('retrying'), 2500);
    const body: Schemas['ScorecardDraftSave'] = { draft: draft as unknown as Record<string, never> };
    if (revision.current) body.revision = revision.current;
    const { data, error, response } = await api.PUT('/api/v1/interviews/{id}/draft', {
      params: { path: { id: interview } },
      body,
    });
    window.clearTimeout(slow);
    running.current = false;
    if (data) {
      revision.current = data.revision;
      setState(pending.current ? 'saving' : 'saved');
      if (pending.current) void flush();
      return;
    }
    const f = failureOf(error, response);
    setDetail(f.detail);
    if (f.status === 409) {
      setState('conflict');
    } else {
      setState('failed');
      pending.current = pending.current ?? draft;
      window.setTimeout(() => void flush(), 3000);
    }
  };

  const change = (s: CardState) => {
    if (!enabled) return;
    pending.current = s;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), 600);
  };
  // at commit, not after paint: a card replaced before its effects ran must not save later
  useLayoutEffect(() => () => window.clearTimeout(timer.current), []);
  return { state, detail, change, forget: () => (pending.current = null) };
}

function SaveStatus(props: { state: SaveState; detail: string }) {
  const loud = props.state === 'retrying' || props.state === 'failed' || props.state === 'conflict';
  const text: Record<SaveState, string> = {
    idle: 'Your draft is saved on the server as you type.',
    saving: 'Saving…',
    saved: 'Draft saved.',
    retrying: 'Not saved, retrying: the server cannot be reached. Keep this page open.',
    failed: `Not saved, retrying: ${props.detail}`,
    conflict: `Not saved: ${props.detail}`,
  };
  return (
    <p class={loud ? 'save-state save-bad' : 'save-state'} role={loud ? 'alert' : 'status'} aria-live={loud ? 'assertive' : 'polite'}>
      {text[props.state]}
    </p>
  );
}

function Guidance(props: { q: KitQuestion; heard: number[]; onHeard: (h: number[]) => void; readOnly: boolean }) {
  const shows = props.q.points.map((p, i) => ({ p, i })).filter((x) => x.p.kind === 'shows');
  const folded = (kind: string, title: string) => {
    const ps = props.q.points.filter((p) => p.kind === kind);
    if (!ps.length) return null;
    return (
      <details class="guide">
        <summary>
          {title} ({ps.length})
        </summary>
        <ul>
          {ps.map((p, i) => (
            <li key={i}>
              <Markdown text={p.text} />
            </li>
          ))}
        </ul>
      </details>
    );
  };
  return (
    <div>
      {shows.length > 0 && (
        <>
          <h3>A good answer shows</h3>
          <ul class="heard">
            {shows.map(({ p, i }) => {
              const id = `heard-${props.q.id}-${i}`;
              return (
                <li key={i}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={props.heard.includes(i)}
                    disabled={props.readOnly}
                    onChange={(e) => {
                      const on = (e.currentTarget as HTMLInputElement).checked;
                      props.onHeard(on ? [...props.heard, i] : props.heard.filter((x) => x !== i));
                    }}
                  />
                  <label for={id}>
                    <Markdown text={p.text} />
                  </label>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {folded('pitfall', 'Pitfalls')}
      {folded('red_flag', 'Red flags')}
      {folded('follow_up', 'Follow-ups')}
      {folded('star', 'STAR outline')}
      {folded('note', 'Notes for the interviewer')}
    </div>
  );
}

function Editor(props: {
  iv: Interview;
  tpl: Template;
  state: CardState;
  onState: (s: CardState) => void;
  failure: Failure | null;
  readOnly?: boolean;
}) {
  const { iv, tpl, state } = props;
  const at = fieldAt(props.failure);
  const byQ = new Map(iv.kit.questions.map((q) => [q.id, q]));
  const anchorsOf = (competency: string) => tpl.competencies.find((c) => c.competency === competency)?.anchors ?? null;
  const set = (fn: (s: CardState) => void) => {
    const next: CardState = JSON.parse(JSON.stringify(state)) as CardState;
    fn(next);
    props.onState(next);
  };
  return (
    <div class="kit-layout">
      {tpl.ratings.map((r, i) => {
        const q = byQ.get(r.question);
        const cur = state.ratings[i];
        if (!cur) return null;
        return (
          <section class="kit-q" key={r.question} aria-labelledby={`q-${i}-h`}>
            <h2 id={`q-${i}-h`}>
              {i + 1}. {r.title ?? q?.title ?? r.question}
            </h2>
            <p class="muted">
              {r.competency} · {plural(r.minutes, 'minute')}
            </p>
            <div class="kit-q-body">
              <div>
                <div class="q-text">
                  <Markdown text={q?.text ?? ''} />
                </div>
                {q && (
                  <Guidance
                    q={q}
                    heard={state.heard[r.question] ?? []}
                    readOnly={!!props.readOnly}
                    onHeard={(h) => set((s) => (s.heard[r.question] = h))}
                  />
                )}
              </div>
              <div>
                <TextArea
                  label={`Notes on question ${i + 1}`}
                  rows={5}
                  maxLength={10000}
                  value={cur.notes}
                  readOnly={props.readOnly}
                  onValue={(v) => set((s) => { const x = s.ratings[i]; if (x) x.notes = v; })}
                  error={at.q === i && /notes/.test(props.failure?.field ?? '') ? props.failure?.detail : undefined}
                />
                <RatingInput
                  legend={`Rating for question ${i + 1}`}
                  value={cur.rating}
                  anchors={anchorsOf(r.competency)}
                  clearLabel="Not asked"
                  disabled={props.readOnly}
                  onValue={(v) => set((s) => { const x = s.ratings[i]; if (x) x.rating = v; })}
                  error={at.q === i && !/notes/.test(props.failure?.field ?? '') ? props.failure?.detail : undefined}
                />
              </div>
            </div>
          </section>
        );
      })}
      <section class="kit-q" aria-labelledby="comp-h">
        <h2 id="comp-h">Competencies</h2>
        <p class="muted">
          Each is the mean of its questions' ratings (a half rounds down). Choose another value only with a reason.
        </p>
        {tpl.competencies.map((c, k) => {
          const cur = state.competencies[k];
          if (!cur) return null;
          const derived = derivedOf(state, tpl, c.competency);
          const overridden = cur.rating !== null && cur.rating !== derived;
          return (
            <div class="comp-row" key={c.competency}>
              <h3>
                {c.competency} <span class="muted">(weight {c.weight ?? '–'})</span>
              </h3>
              <p>
                Derived from the questions: {derived ? <RatingBadge value={derived} /> : <span class="badge badge-warning">not assessed</span>}
              </p>
              <RatingInput
                legend={`Rating for ${c.competency}`}
                value={cur.rating ?? derived}
                anchors={c.anchors ?? null}
                clearLabel={derived ? undefined : 'Not assessed'}
                disabled={props.readOnly}
                onValue={(v) => set((s) => { const x = s.competencies[k]; if (x) x.rating = v === derived ? null : v; })}
                error={at.c === k && !/override_reason/.test(props.failure?.field ?? '') ? props.failure?.detail : undefined}
              />
              {overridden && (
                <TextArea
                  label={`Why ${c.competency} is ${cur.rating}, not ${derived ?? 'not assessed'}`}
                  rows={2}
                  required
                  maxLength={2000}
                  value={cur.override_reason}
                  readOnly={props.readOnly}
                  onValue={(v) => set((s) => { const x = s.competencies[k]; if (x) x.override_reason = v; })}
                  error={at.c === k && /override_reason/.test(props.failure?.field ?? '') ? props.failure?.detail : undefined}
                />
              )}
            </div>
          );
        })}
      </section>
      <section class="kit-q" aria-labelledby="rec-h">
        <h2 id="rec-h">Recommendation</h2>
        <fieldset class="scale" role="radiogroup" aria-labelledby="rec-legend">
          <legend id="rec-legend">Your recommendation</legend>
          <div class="scale-options">
            {RECOMMENDATIONS.map((r, i) => (
              <span class={`scale-option r${i + 1}`} key={r.value}>
                <input
                  type="radio"
                  id={`rec-${r.value}`}
                  name="recommendation"
                  checked={state.recommendation === r.value}
                  disabled={props.readOnly}
                  onChange={() => set((s) => (s.recommendation = r.value))}
                />
                <label for={`rec-${r.value}`}>{r.label}</label>
              </span>
            ))}
          </div>
          {at.name === 'recommendation' && <p class="error">{props.failure?.detail}</p>}
        </fieldset>
        <TextArea
          label="Overall notes"
          rows={4}
          maxLength={10000}
          value={state.notes}
          readOnly={props.readOnly}
          onValue={(v) => set((s) => (s.notes = v))}
          error={at.name === 'notes' ? props.failure?.detail : undefined}
        />
      </section>
    </div>
  );
}

/** What is still missing before the card can go: empty when ready. */
function missing(s: CardState): string[] {
  const out: string[] = [];
  if (!s.ratings.some((r) => r.rating !== null)) out.push('rate at least one question');
  if (!s.recommendation) out.push('choose a recommendation');
  return out;
}

function Fill(props: { iv: Interview; tpl: Template; draft: Schemas['ScorecardDraft'] | null; onSubmitted: () => void }) {
  const [state, setState] = useState<CardState>(() => (props.draft ? fromDraft(props.tpl, props.draft.draft) : blank(props.tpl)));
  const saver = useDraftSaver(props.iv.id, true, props.draft?.revision ?? null);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const todo = missing(state);
  const onState = (s: CardState) => {
    setState(s);
    saver.change(s);
  };
  const submit = async () => {
    if (busy) return;
    setBusy(true);
    saver.forget();
    const { data, error, response } = await api.POST('/api/v1/interviews/{id}/scorecards', {
      params: { path: { id: props.iv.id } },
      body: toInput(state, props.tpl),
    });
    setBusy(false);
    setConfirm(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    props.onSubmitted();
  };
  const notAssessed = props.tpl.competencies.filter((c, k) => state.competencies[k]?.rating === null && !derivedOf(state, props.tpl, c.competency));
  return (
    <>
      {props.draft && <Banner kind="info">Your draft from {formatTime(props.draft.updated_at)} is back where you left it.</Banner>}
      <FailureBanner failure={failure} />
      <Editor iv={props.iv} tpl={props.tpl} state={state} onState={onState} failure={failure} />
      <div class="sticky-bar">
        <SaveStatus state={saver.state} detail={saver.detail} />
        <div>
          {todo.length > 0 && <span class="muted">To submit: {todo.join(' and ')}. </span>}
          <Button kind="primary" disabled={todo.length > 0} busy={busy} onClick={() => setConfirm(true)}>
            Submit scorecard
          </Button>
        </div>
      </div>
      <Confirm
        open={confirm}
        title="Submit your scorecard?"
        confirmLabel="Submit"
        busy={busy}
        onConfirm={submit}
        onCancel={() => setConfirm(false)}
      >
        <p>Once submitted it is read only: a change later is an amendment with a reason, kept in its history.</p>
        {notAssessed.length > 0 && <p>Not assessed: {notAssessed.map((c) => c.competency).join(', ')}.</p>}
        <p>
          Recommendation: <strong>{RECOMMENDATIONS.find((r) => r.value === state.recommendation)?.label}</strong>
        </p>
      </Confirm>
    </>
  );
}

function Submitted(props: { iv: Interview; tpl: Template; card: Scorecard; onAmended: () => void }) {
  const [editing, setEditing] = useState(false);
  const [state, setState] = useState<CardState>(() => fromCard(props.tpl, props.card));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  useEffect(() => setState(fromCard(props.tpl, props.card)), [props.card]);
  const amend = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const input = toInput(state, props.tpl);
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/scorecards/{id}/amendments', {
      params: { path: { id: props.card.id } },
      body: {
        reason,
        changes: {
          recommendation: input.recommendation,
          notes: input.notes,
          ratings: input.ratings?.map((r) => ({ question: r.question, rating: r.rating, notes: r.notes })),
          competencies: input.competencies?.map((c) => ({ competency: c.competency, rating: c.rating, override_reason: c.override_reason })),
        },
      },
    });
    setBusy(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setFailure(null);
    setEditing(false);
    setReason('');
    props.onAmended();
  };
  return (
    <>
      <Banner kind="success">
        You submitted this scorecard on {formatTime(props.card.submitted_at)}. It is read only; a change is an amendment with a reason.
      </Banner>
      <FailureBanner failure={failure} unlessField />
      <Editor iv={props.iv} tpl={props.tpl} state={state} onState={setState} failure={failure} readOnly={!editing} />
      {props.card.amendments.length > 0 && (
        <section class="kit-q">
          <h2>Amendments</h2>
          <ul>
            {props.card.amendments.map((a, i) => (
              <li key={i}>
                {formatTime(a.at)}: {a.field} from {a.old ?? '–'} to {a.new ?? '–'} by {a.by}, because {a.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {editing ? (
        <form class="form sticky-bar" onSubmit={amend}>
          <TextArea label="Reason for the amendment" required rows={2} value={reason} onValue={setReason} error={failure?.field === 'reason' ? failure.detail : undefined} />
          <div>
            <Button onClick={() => setEditing(false)}>Cancel</Button>{' '}
            <Button kind="primary" type="submit" busy={busy} disabled={!reason.trim()}>
              Save amendment
            </Button>
          </div>
        </form>
      ) : (
        <div class="sticky-bar">
          <span />
          <Button onClick={() => setEditing(true)}>Amend…</Button>
        </div>
      )}
    </>
  );
}

/** The other panel members' cards: hidden until the caller has given theirs. */
function Panel(props: { complete: boolean; cards: Scorecard[]; me: string; onPanel: boolean }) {
  const others = props.cards.filter((c) => c.interviewer !== props.me);
  if (!props.complete)
    return (
      <Banner kind="info">
        The other panel members' scorecards are hidden until you have submitted yours, so that each card is the interviewer's own view.
      </Banner>
    );
  return (
    <section class="kit-q" aria-labelledby="panel-h">
      <h2 id="panel-h">The panel's scorecards</h2>
      {!others.length ? (
        <p class="muted">No other scorecard yet.</p>
      ) : (
        others.map((c) => (
          <div key={c.id} class="comp-row">
            <h3>
              {c.interviewer}: {RECOMMENDATIONS.find((r) => r.value === c.recommendation)?.label}
            </h3>
            <ul class="panel-list">
              {c.competencies.map((k) => (
                <li key={k.competency}>
                  {k.competency}: <RatingBadge value={k.rating} />
                </li>
              ))}
            </ul>
            {c.notes && <p>{c.notes}</p>}
          </div>
        ))
      )}
    </section>
  );
}

export default function InterviewPage({ params }: PageProps) {
  const id = Number(params.id);
  const me = useSession();
  const [tick, setTick] = useState(0);
  const iv = useLoad((signal) => api.GET('/api/v1/interviews/{id}', { signal, params: { path: { id } } }), [id]);
  const tpl = useLoad((signal) => api.GET('/api/v1/interviews/{id}/scorecard-template', { signal, params: { path: { id } } }), [id]);
  const cards = useLoad((signal) => api.GET('/api/v1/interviews/{id}/scorecards', { signal, params: { path: { id } } }), [id, tick]);
  const onPanel = !!me && !!iv.data?.interviewers.includes(me.email);
  const mine = cards.data?.items.find((c) => c.interviewer === me?.email);
  const draft = useLoad<Schemas['ScorecardDraft'] | null>(
    async (signal) => {
      if (!onPanel || mine) return { data: null, response: new Response() };
      const r = await api.GET('/api/v1/interviews/{id}/draft', { signal, params: { path: { id } } });
      // no draft yet is a blank card, not a failure
      return r.response.status === 404 ? { data: null, response: r.response } : r;
    },
    [id, onPanel, !!mine, cards.data],
  );
  const title = useMemo(() => {
    const k = iv.data?.kit;
    return k ? `${k.role_title}: ${k.stage} interview` : 'Interview';
  }, [iv.data]);
  const ivd = iv.data;
  const t = tpl.data;
  // the draft asked for with the present panel and cards, never one left from an earlier ask
  const ready = cards.data && (!onPanel || mine || (!draft.loading && draft.data !== undefined));
  return (
    <Page
      title={title}
      wide
      actions={
        ivd && (
          <>
            {hasRole(me, HIRING) && (
              <>
                <Link href={`/candidates/${ivd.candidate}`}>Candidate</Link> ·{' '}
              </>
            )}
            <Link href={`/candidates/${ivd.candidate}/debrief`}>Debrief</Link> · <Link href="/interviews">My interviews</Link>
          </>
        )
      }
    >
      <FailureBanner failure={iv.failure ?? tpl.failure ?? cards.failure ?? (draft.failure?.status === 404 ? null : draft.failure)} />
      {ivd && (
        <p class="muted">
          {ivd.scheduled_at ? `${formatTime(ivd.scheduled_at)} · ` : ''}
          {plural(ivd.minutes, 'minute')} · panel: {ivd.interviewers.join(', ')}
        </p>
      )}
      {cards.data && me && (onPanel || cards.data.items.length > 0) && (
        <Panel complete={cards.data.complete} cards={cards.data.items} me={me.email} onPanel={onPanel} />
      )}
      {!ivd || !t || !ready ? (
        !(iv.failure || tpl.failure) && <Loading />
      ) : mine ? (
        <Submitted iv={ivd} tpl={t} card={mine} onAmended={() => setTick((n) => n + 1)} />
      ) : onPanel ? (
        <Fill key={draft.data?.revision ?? 0} iv={ivd} tpl={t} draft={draft.data ?? null} onSubmitted={() => setTick((n) => n + 1)} />
      ) : (
        <>
          <Banner kind="info">You are not on this interview's panel: the kit is shown for reading.</Banner>
          <Editor iv={ivd} tpl={t} state={blank(t)} onState={() => undefined} failure={null} readOnly />
        </>
      )}
    </Page>
  );
}
