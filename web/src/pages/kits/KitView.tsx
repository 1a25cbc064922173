// SPDX-License-Identifier: MIT
// A kit as the interviewer reads and prints it, in the markup and with the style sheet of
// the HTML kit that `rubric kit --format html` writes (data/kit/kit.css, shared), so both
// look and print alike. With onSwap, each question's alternates get a button that puts one
// in its place; the buttons are not printed.
import '../../../../data/kit/kit.css';
import type { Schemas } from '../../api';
import { Markdown } from '../../ui/Markdown';
import { categoryLabel, pointGroups, stageLabel } from '../../ui/questions';
import { Inline } from '../../ui/Markdown';

/** The kit as the API gives it (the blank scorecard aside, which is not drawn here). */
export type Kit = Omit<Schemas['Kit'], 'scorecard'>;
type KitQuestion = Schemas['KitQuestion'];

const RATINGS = ['strong no', 'no', 'yes', 'strong yes'] as const;

function Question(props: {
  q: KitQuestion;
  n: number;
  onSwap?: (question: string, alternate: string) => void;
  busy?: boolean;
}) {
  const { q, n } = props;
  const anchors = q.anchors;
  return (
    <section class="q" aria-labelledby={`kq-${n}`}>
      <h3 id={`kq-${n}`}>
        <span class="n">{n}.</span>
        {q.title}
      </h3>
      <div class="tags">
        <span class="tag c">{q.competency}</span>
        <span class="tag">{categoryLabel(q.category)}</span>
        <span class="tag">{q.level}</span>
        <span class="tag">{q.minutes} min</span>
        <span class="tag">{q.id}</span>
      </div>
      <div class="text">
        <Markdown text={q.text} />
      </div>
      {pointGroups(q.points).map(([kind, title, ps]) => (
        <div key={kind}>
          <h4>{title}</h4>
          <ul class={kind === 'shows' ? 'check' : undefined}>
            {ps.map((p, i) => (
              <li key={i}>
                <Inline text={p.text} />
              </li>
            ))}
          </ul>
        </div>
      ))}
      {Object.values(anchors).some((a) => a) && (
        <>
          <h4>Rating anchors</h4>
          <table class="anchors">
            <tbody>
              {RATINGS.map((word, i) => (
                <tr key={word}>
                  <td>
                    {i + 1} {word}
                  </td>
                  <td>{anchors[String(i + 1) as '1' | '2' | '3' | '4'] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {q.alternates.length > 0 && (
        <div class="alts">
          <h4>Alternates</h4>
          <ul>
            {q.alternates.map((a) => (
              <li key={a.id}>
                {a.title}{' '}
                <small>
                  ({categoryLabel(a.category)}, {a.minutes} min, {a.id})
                </small>{' '}
                {props.onSwap && (
                  <button
                    type="button"
                    class="btn btn-link kit-noprint"
                    disabled={props.busy}
                    onClick={() => props.onSwap?.(q.id, a.id)}
                    aria-label={`Swap in “${a.title}” for “${q.title}”`}
                  >
                    Swap in
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="rate">
        <span>Rating: ☐ 1 ☐ 2 ☐ 3 ☐ 4</span>
      </div>
      <div class="notes" />
      <div class="notes" />
    </section>
  );
}

/** Minutes given against the target: the bar is the minutes, the tick the target. */
function CoverageBar(props: { minutes: number; target: number; scale: number }) {
  const w = (100 * props.minutes) / props.scale;
  const t = (100 * props.target) / props.scale;
  return (
    <svg viewBox="0 0 100 10" width="100%" height="10" preserveAspectRatio="none" aria-hidden="true">
      <rect x="0" y="1" width="100" height="8" rx="3" fill="#e3e7ee" />
      <rect x="0" y="1" width={w} height="8" rx="3" fill="#3b5fc4" />
      <rect x={Math.min(99, t)} y="0" width="1.2" height="10" fill="#1d2330" />
    </svg>
  );
}

export function KitView(props: {
  kit: Kit;
  onSwap?: (question: string, alternate: string) => void;
  busy?: boolean;
}) {
  const k = props.kit;
  const scale = Math.max(1, ...k.coverage.map((c) => Math.max(c.target_minutes, c.minutes)));
  return (
    <article class="kit" aria-label={`Interview kit: ${k.role_title}`}>
      <div class="meta">
        <span>{stageLabel(k.stage)} stage</span>
        <span>level {k.level}</span>
        <span>
          {k.minutes} of {k.budget} minutes
        </span>
        <span>{k.questions.length} questions</span>
        <span>seed {k.seed}</span>
        {k.candidate && <span>candidate {k.candidate}</span>}
        <span>Interviewer: ____________________</span>
      </div>
      {k.partial && (
        <div class="partial" role="note">
          <strong>Partial kit.</strong> The bank could not fill this request:
          <ul>
            {k.shortfalls.map((s, i) => (
              <li key={i}>{s.reason}</li>
            ))}
          </ul>
        </div>
      )}
      {k.questions.map((q, i) => (
        <Question key={q.id} q={q} n={i + 1} onSwap={props.onSwap} busy={props.busy} />
      ))}
      <h2>Scorecard</h2>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Question</th>
            <th>Competency</th>
            <th>Rating (1-4)</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {k.questions.map((q, i) => (
            <tr key={q.id}>
              <td class="num">{i + 1}</td>
              <td>{q.title}</td>
              <td>{q.competency}</td>
              <td />
              <td class="w35" />
            </tr>
          ))}
        </tbody>
      </table>
      <p>Recommendation: ☐ strong no &nbsp; ☐ no &nbsp; ☐ yes &nbsp; ☐ strong yes</p>
      <h2>Coverage</h2>
      <table>
        <thead>
          <tr>
            <th>Competency</th>
            <th>Weight</th>
            <th>Target min</th>
            <th>Minutes</th>
            <th>Questions</th>
            <th class="w30">Minutes against target</th>
          </tr>
        </thead>
        <tbody>
          {k.coverage.map((c) => (
            <tr key={c.competency}>
              <td>{c.competency}</td>
              <td class="num">{c.weight}</td>
              <td class="num">{Math.round(c.target_minutes)}</td>
              <td class="num">{c.minutes}</td>
              <td class="num">{c.questions}</td>
              <td class="bar-cell">
                <CoverageBar minutes={c.minutes} target={c.target_minutes} scale={scale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
