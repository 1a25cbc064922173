// SPDX-License-Identifier: MIT
// A candidate's debrief: competencies by interviewers as a grid (each rating a number, a word
// and a colour), disagreement and not-assessed flags in words, the recommendations, and the
// score weighted by the role with how much of the role it covers. A panel member who has not
// submitted is told why it is hidden from them.
import { api, type Schemas } from '../../api';
import type { PageProps } from '../../router';
import { Link } from '../../router';
import { HIRING, hasRole, useSession } from '../../session';
import { Banner, Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Bars } from '../../ui/Charts';
import { formatNumber, plural } from '../../ui/format';
import { Page } from '../../ui/Page';
import { RECOMMENDATIONS, RatingBadge } from '../../ui/Rating';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

type Debrief = Schemas['Debrief'];

function Flags(props: { flags: Debrief['competencies'][number]['flags'] }) {
  return (
    <>
      {props.flags.map((f) => (
        <span key={f} class={`flag flag-${f}`}>
          {f === 'disagreement' ? '⚠ disagreement' : '∅ not assessed'}
        </span>
      ))}
    </>
  );
}

function Grid(props: { d: Debrief }) {
  const people = [...new Set(props.d.competencies.flatMap((c) => c.ratings.map((r) => r.interviewer)))].sort();
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label="Ratings by interviewer">
      <table class="data grid-ratings">
        <caption class="sr-only">Each competency's rating by each interviewer</caption>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            <th scope="col" class="num">
              Weight
            </th>
            {people.map((p) => (
              <th scope="col" key={p}>
                {p}
              </th>
            ))}
            <th scope="col">Mean</th>
            <th scope="col" class="num">
              Spread
            </th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          {props.d.competencies.map((c) => (
            <tr key={c.competency}>
              <th scope="row">{c.name}</th>
              <td class="num">{c.weight}</td>
              {people.map((p) => {
                const rs = c.ratings.filter((r) => r.interviewer === p);
                return (
                  <td class="cell" key={p}>
                    {rs.length ? rs.map((r) => <RatingBadge key={r.interview} value={r.rating} />) : <span class="muted">–</span>}
                  </td>
                );
              })}
              <td>
                <RatingBadge value={c.mean} />
              </td>
              <td class="num">{c.spread ?? '–'}</td>
              <td>
                <Flags flags={c.flags} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function DebriefPage({ params }: PageProps) {
  const id = Number(params.id);
  const d = useLoad((signal) => api.GET('/api/v1/candidates/{id}/debrief', { signal, params: { path: { id } } }), [id]);
  const data = d.data;
  const hidden = d.failure?.status === 403 && /submit your scorecard/.test(d.failure.detail);
  const me = useSession();
  const actions = (
    <>
      <Link href={`/candidates/${id}`}>Candidate</Link>
      {data && hasRole(me, HIRING) && (
        <>
          {' · '}
          <Link href={`/roles/${encodeURIComponent(data.role)}/comparison`}>Compare with the role's other candidates</Link>
        </>
      )}
    </>
  );
  return (
    <Page title={data ? `Debrief: ${data.name ?? `candidate ${id}`}` : 'Debrief'} wide actions={actions}>
      {hidden ? <Banner kind="info">The debrief is hidden from you until then: {d.failure?.detail}.</Banner> : <FailureBanner failure={d.failure} />}
      {!data ? (
        !d.failure && <Loading />
      ) : (
        <>
          <dl class="facts">
            <dt>Role</dt>
            <dd>{data.role_title ?? data.role}</dd>
            <dt>Stage</dt>
            <dd>{data.candidate_stage}</dd>
            <dt>Weighted score</dt>
            <dd>
              <RatingBadge value={data.summary.score} /> covering {formatNumber(data.summary.coverage * 100, 0)}% of the role's weight ({data.summary.assessed_weight} of{' '}
              {data.summary.total_weight})
            </dd>
            <dt>Scorecards</dt>
            <dd>
              {plural(data.summary.scorecards, 'scorecard')} from {plural(data.summary.interviewers, 'interviewer')}; {plural(data.summary.disagreements, 'disagreement')}, {data.summary.not_assessed} not assessed
            </dd>
          </dl>
          {data.pending.length > 0 && (
            <Banner kind="warning">
              Waiting for: {data.pending.map((p) => `${p.interviewer} (${p.stage})`).join(', ')}.
            </Banner>
          )}
          <h2>Competencies by interviewer</h2>
          {data.competencies.length ? <Grid d={data} /> : <Empty>No scorecard yet.</Empty>}
          <div class="two-col">
            <div>
              <h2>Recommendations</h2>
              <ul>
                {data.recommendations.map((r) => (
                  <li key={`${r.interview}-${r.interviewer}`}>
                    {r.interviewer} ({r.stage}): <strong>{RECOMMENDATIONS.find((x) => x.value === r.recommendation)?.label}</strong>
                  </li>
                ))}
              </ul>
            </div>
            <Bars
              title="Recommendations"
              bars={RECOMMENDATIONS.map((r) => ({ label: r.label, value: data.recommendation_counts[r.value] ?? 0 }))}
            />
          </div>
        </>
      )}
    </Page>
  );
}
