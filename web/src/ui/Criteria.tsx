// SPDX-License-Identifier: MIT
// What a screening screens for, as read from a role or a job description: must-haves,
// nice-to-haves with their weights, years asked for, title and level.
import type { Schemas } from '../api';

export function Criteria(props: { role: Schemas['Role'] }) {
  const r = props.role;
  return (
    <dl class="facts criteria">
      <dt>Title</dt>
      <dd>
        {r.title} <span class="muted">({r.level})</span>
      </dd>
      <dt>Must have</dt>
      <dd>{r.must_have.map((s) => s.skill).join(', ') || 'none'}</dd>
      <dt>Nice to have</dt>
      <dd>{r.nice_to_have.map((s) => `${s.skill} (weight ${s.weight})`).join(', ') || 'none'}</dd>
      <dt>Years</dt>
      <dd>
        at least {r.min_years}, of which {r.min_comparable_years} in a comparable role
      </dd>
    </dl>
  );
}
