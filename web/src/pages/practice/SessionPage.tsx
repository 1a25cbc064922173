// SPDX-License-Identifier: MIT
// One question at a time, as in a real interview: the question with a countdown set to its
// minutes (announced to screen readers at one minute and at zero only, never every second),
// the answer box, hints one key concept at a time, skip, and reveal: what a good answer
// shows, with the keyword coverage of the typed answer as a hint, not a judgement. Then the
// user rates their own answer (again, hard, good, easy) and sees when the question is due.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import { Link, useQuery } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { errorFor, TextArea } from '../../ui/Field';
import { formatDate, plural } from '../../ui/format';
import { Inline, Markdown } from '../../ui/Markdown';
import { Page } from '../../ui/Page';
import { categoryLabel, Points } from '../../ui/questions';
import { useLoad } from '../../ui/useLoad';
import { scopeOf, scopeQuery } from './scope';
import './practice.css';

type Rating = Schemas['PracticeRating'];
type Reveal = Schemas['PracticeReveal'];
type Result = Schemas['PracticeResult'];
type Coverage = Schemas['Coverage'];

const RATINGS: readonly { value: Rating; label: string; hint: string }[] = [
  { value: 'again', label: 'Again', hint: 'I could not answer it' },
  { value: 'hard', label: 'Hard', hint: 'I got there, with gaps' },
  { value: 'good', label: 'Good', hint: 'A sound answer' },
  { value: 'easy', label: 'Easy', hint: 'Complete, without effort' },
];

function clock(seconds: number): string {
  const s = Math.abs(seconds);
  const t = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return seconds < 0 ? `+${t}` : t;
}

/** Seconds since start, ticking once a second while running. */
function useElapsed(key: string, running: boolean): number {
  const [elapsed, setElapsed] = useState(0);
  const start = useRef(Date.now());
  useEffect(() => {
    start.current = Date.now();
    setElapsed(0);
  }, [key]);
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setElapsed(Math.floor((Date.now() - start.current) / 1000)), 1000);
    return () => clearInterval(t);
  }, [key, running]);
  return elapsed;
}

function Timer(props: { left: number; total: number }) {
  const over = props.left <= 0;
  const label = over ? 'Time is up' : props.left <= 60 ? 'Less than a minute left' : 'Time left';
  // the visible clock is not live; the thresholds are said once each, below
  return (
    <div class={over ? 'timer timer-over' : props.left <= 60 ? 'timer timer-low' : 'timer'}>
      <span class="timer-label">{label}</span>{' '}
      <span class="timer-clock" role="timer" aria-label={`${label}: ${clock(props.left)}`}>
        {clock(props.left)}
      </span>{' '}
      <span class="muted">of {clock(props.total)}</span>
    </div>
  );
}

const STATUS_WORDS: Record<string, string> = {
  covered: 'mentioned',
  partly: 'partly mentioned',
  missed: 'not mentioned',
  unchecked: 'not checked',
};

function CoverageHint(props: { coverage: Coverage }) {
  const c = props.coverage;
  return (
    <section class="coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Keyword coverage: a hint, not a judgement</h2>
      <p>
        Your answer mentions {c.found} of the {plural(c.concepts, 'key concept')} of a good answer
        ({Math.round(c.score * 100)}%), and covers {c.points_covered} of {c.points_total} points.{' '}
        {c.note}
      </p>
      <ul class="coverage-points">
        {c.points.map((p, i) => (
          <li key={i} class={`cov cov-${p.status}`}>
            <span class="cov-status">{STATUS_WORDS[p.status] ?? p.status}</span>{' '}
            <Inline text={p.text} />
            {p.missing.length > 0 && <span class="muted"> (not found: {p.missing.join(', ')})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function SessionPage() {
  const query = useQuery();
  const scope = scopeOf(query);
  const scopeKey = scopeQuery(scope);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [round, setRound] = useState(0);
  const next = useLoad(
    (signal) =>
      api.GET('/api/v1/practice/next', {
        params: { query: { ...scope, skip: skipped.length ? skipped.join(',') : undefined } },
        signal,
      }),
    [scopeKey, skipped.join(','), round],
  );
  const q = next.data?.question ?? null;
  const qkey = `${q?.id ?? ''}#${round}#${skipped.length}`;

  const [answer, setAnswer] = useState('');
  const [hints, setHints] = useState(0);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState<'' | 'reveal' | 'rate'>('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [said, setSaid] = useState('');
  const nextButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const elapsed = useElapsed(qkey, !!q && !result);
  const total = (q?.minutes ?? 0) * 60;
  const left = total - elapsed;

  useEffect(() => {
    setAnswer('');
    setHints(0);
    setReveal(null);
    setResult(null);
    setFailure(null);
    setSaid('');
    if (q) heading.current?.focus();
  }, [qkey]);

  // said once at each threshold, never every second
  const announced = useRef({ minute: false, zero: false });
  useEffect(() => {
    announced.current = { minute: false, zero: false };
  }, [qkey]);
  useEffect(() => {
    if (!q || result) return;
    const a = announced.current;
    if (left <= 0 && !a.zero) {
      a.zero = a.minute = true;
      setSaid('Time is up. Finish your answer, then reveal.');
    } else if (left <= 60 && left > 0 && !a.minute) {
      a.minute = true;
      setSaid('One minute left.');
    }
  }, [left <= 60, left <= 0, qkey]);

  useEffect(() => {
    if (result) nextButton.current?.focus();
  }, [result]);

  const doReveal = async () => {
    if (!q || busy) return;
    setBusy('reveal');
    setFailure(null);
    const { data, error, response } = await api.POST('/api/v1/practice/reveal', {
      body: { question: q.id, answer: answer.trim() ? answer : undefined },
    });
    setBusy('');
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setReveal(data);
    setSaid('What a good answer shows is below. Rate your answer.');
  };

  const rate = async (rating: Rating) => {
    if (!q || busy || result) return;
    setBusy('rate');
    setFailure(null);
    const { data, error, response } = await api.POST('/api/v1/practice/answers', {
      body: {
        question: q.id,
        rating,
        answer: answer.trim() ? answer : undefined,
        seconds: Math.min(elapsed, 86400),
      },
    });
    setBusy('');
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setResult(data);
    setSaid(`Saved. Next review on ${formatDate(data.schedule.due)}.`);
  };

  const title = 'Practice session';
  if (!next.data) {
    return (
      <Page title={title}>
        {next.failure ? <FailureBanner failure={next.failure} /> : <Loading />}
      </Page>
    );
  }
  if (!q) {
    return (
      <Page title={title}>
        <Empty>
          Nothing to practise in this scope right now: no question is due and none is new
          {skipped.length ? ` (${plural(skipped.length, 'question')} skipped this session)` : ''}.
        </Empty>
        <p>
          <Link href="/practice">Choose another scope</Link> or{' '}
          <Link href="/practice/stats">see your progress</Link>.
        </p>
      </Page>
    );
  }
  const hintList = q.hints ?? [];
  return (
    <Page
      title={title}
      actions={
        <Link href="/practice/stats" class="btn btn-secondary">
          Progress
        </Link>
      }
    >
      <p class="sr-only" role="status" aria-live="assertive">
        {said}
      </p>
      <p class="muted">
        {next.data.kind === 'due' ? 'A review that is due' : 'A new question'} ·{' '}
        {plural(next.data.due_count, 'review')} due, {plural(next.data.new_count, 'new question')}{' '}
        in this scope
      </p>
      <article class="practice-q" aria-labelledby="pq-title">
        <h2 id="pq-title" tabIndex={-1} ref={heading}>
          {q.title}
        </h2>
        <p class="muted">
          {categoryLabel(q.category)} · {q.level} · {q.competencies.join(', ')} · {q.minutes} min
        </p>
        <Markdown text={q.text} />
      </article>
      {!result && <Timer left={left} total={total} />}
      <TextArea
        label="Your answer"
        value={answer}
        onValue={setAnswer}
        rows={8}
        readOnly={!!result}
        hint="Optional: typed answers get a keyword coverage hint when revealed. Not stored."
        error={errorFor(failure, 'answer')}
      />
      {hints > 0 && (
        <div class="hints" aria-live="polite">
          <h2 class="h3">Hints</h2>
          <ul>
            {hintList.slice(0, hints).map((h) => (
              <li key={h}>Think about: {h}</li>
            ))}
          </ul>
        </div>
      )}
      <FailureBanner failure={failure} unlessField />
      {!reveal && (
        <div class="practice-actions">
          <Button
            onClick={() => setHints(hints + 1)}
            disabled={hints >= hintList.length}
            aria-describedby="hint-count"
          >
            Hint
          </Button>
          <span id="hint-count" class="muted">
            {hintList.length ? `${hints} of ${hintList.length} hints shown` : 'no hints'}
          </span>
          <Button kind="primary" busy={busy === 'reveal'} onClick={doReveal}>
            Reveal
          </Button>
          <Button onClick={() => setSkipped([...skipped, q.id])} disabled={!!busy}>
            Skip
          </Button>
        </div>
      )}
      {reveal && (
        <>
          {reveal.coverage ? (
            <CoverageHint coverage={reveal.coverage} />
          ) : (
            <p class="muted">No answer typed: no keyword coverage.</p>
          )}
          <section class="reveal" aria-label="What a good answer covers">
            <Points points={reveal.points} level={3} />
          </section>
          {!result ? (
            <fieldset class="rating-choice">
              <legend>How did you do?</legend>
              {RATINGS.map((r) => (
                <Button key={r.value} busy={busy === 'rate'} onClick={() => rate(r.value)}>
                  <span class="rate-word">{r.label}</span>
                  <span class="rate-hint">{r.hint}</span>
                </Button>
              ))}
            </fieldset>
          ) : (
            <div class="practice-done">
              <p class="due-line">
                Rated <strong>{result.rating}</strong>. Next review on{' '}
                <strong>{formatDate(result.schedule.due)}</strong> (
                {result.schedule.interval_days === 0
                  ? 'today'
                  : `in ${plural(result.schedule.interval_days, 'day')}`}
                ).
              </p>
              <button type="button" class="btn btn-primary" ref={nextButton} onClick={() => setRound(round + 1)}>
                Next question
              </button>
            </div>
          )}
        </>
      )}
    </Page>
  );
}
