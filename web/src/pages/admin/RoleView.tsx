// SPDX-License-Identifier: MIT
// A role profile as people read it: level, years, skills, and each competency with its
// weight and what a rating of 1 to 4 looks like.
import type { Schemas } from '../../api';
import { Markdown } from '../../ui/Markdown';

type Role = Schemas['Role'];

export function RoleView(props: { role: Role }) {
  const r = props.role;
  const total = r.competencies.reduce((n, c) => n + c.weight, 0) || 1;
  return (
    <div class="role-view">
      <dl class="facts">
        <dt>Id</dt>
        <dd>
          <code>{r.id}</code>
        </dd>
        <dt>Level</dt>
        <dd>{r.level}</dd>
        <dt>Years asked for</dt>
        <dd>
          {r.min_years}
          {r.min_comparable_years !== r.min_years ? ` (${r.min_comparable_years} when comparable)` : ''}
        </dd>
        {r.location && (
          <>
            <dt>Location</dt>
            <dd>{r.location}</dd>
          </>
        )}
        {r.remote && (
          <>
            <dt>Remote</dt>
            <dd>{r.remote}</dd>
          </>
        )}
        {r.salary && (
          <>
            <dt>Salary</dt>
            <dd>{r.salary}</dd>
          </>
        )}
      </dl>
      {r.summary && <Markdown text={r.summary} />}
      <h2>Skills</h2>
      <p>
        <strong>Must have: </strong>
        {r.must_have.length ? r.must_have.map((s) => s.skill).join(', ') : 'none'}
      </p>
      <p>
        <strong>Nice to have: </strong>
        {r.nice_to_have.length ? r.nice_to_have.map((s) => s.skill).join(', ') : 'none'}
      </p>
      {r.responsibilities.length > 0 && (
        <>
          <h2>Responsibilities</h2>
          <ul>
            {r.responsibilities.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </>
      )}
      <h2>Competencies</h2>
      {r.competencies.map((c) => (
        <section key={c.competency} class="card competency">
          <h3>
            {c.competency} <span class="muted">· {Math.round((100 * c.weight) / total)}% of an interview</span>
          </h3>
          <dl class="facts anchors">
            {(['1', '2', '3', '4'] as const).map((k) => (
              <>
                <dt key={`t${k}`}>
                  <span class={`rating rating-${k}`}>{k}</span>
                </dt>
                <dd key={`d${k}`}>{c.anchors[k] ?? <span class="muted">no anchor</span>}</dd>
              </>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
