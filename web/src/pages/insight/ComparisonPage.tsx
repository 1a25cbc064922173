// SPDX-License-Identifier: MIT
// A role's candidates compared: each candidate's mean per competency (number, word and
// colour), weighted score with its coverage, recommendations and flags; a chart of scores.
import { api } from '../../api';
import type { PageProps } from '../../router';
import { Link } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Bars } from '../../ui/Charts';
import { formatNumber } from '../../ui/format';
import { Page } from '../../ui/Page';
import { RatingBadge } from '../../ui/Rating';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

export default function ComparisonPage({ params }: PageProps) {
  const id = params.id ?? '';
  const cmp = useLoad((signal) => api.GET('/api/v1/roles/{id}/comparison', { signal, params: { path: { id } } }), [id]);
  const d = cmp.data;
  return (
    <Page title={d ? `Candidates for ${d.role_title ?? d.role}` : 'Candidates compared'} wide>
      <FailureBanner failure={cmp.failure} />
      {!d ? (
        !cmp.failure && <Loading />
      ) : !d.candidates.length ? (
        <Empty>No candidate for this role has a scorecard yet.</Empty>
      ) : (
        <>
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Candidates compared">
            <table class="data grid-ratings">
              <caption class="sr-only">Each candidate's mean rating per competency</caption>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Score</th>
                  <th scope="col" class="num">
                    Coverage
                  </th>
                  {d.competencies.map((c) => (
                    <th scope="col" key={c.competency}>
                      {c.name} <span class="muted">×{c.weight}</span>
                    </th>
                  ))}
                  <th scope="col">Recommendations</th>
                  <th scope="col">Flags</th>
                </tr>
              </thead>
              <tbody>
                {d.candidates.map((c) => (
                  <tr key={c.candidate}>
                    <th scope="row">
                      <Link href={`/candidates/${c.candidate}/debrief`}>{c.name ?? `Candidate ${c.candidate}`}</Link>
                    </th>
                    <td>
                      <RatingBadge value={c.score} />
                    </td>
                    <td class="num">{formatNumber(c.coverage * 100, 0)}%</td>
                    {d.competencies.map((k) => (
                      <td class="cell" key={k.competency}>
                        <RatingBadge value={c.means[k.competency]} />
                      </td>
                    ))}
                    <td>
                      {c.recommendations['strong-yes']} strong yes, {c.recommendations.yes} yes, {c.recommendations.no} no, {c.recommendations['strong-no']} strong no
                    </td>
                    <td>
                      {c.disagreements ? <span class="flag flag-disagreement">⚠ {c.disagreements} disagreements</span> : null}
                      {c.not_assessed ? <span class="flag flag-not-assessed">∅ {c.not_assessed} not assessed</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Bars title="Weighted scores (1 to 4)" max={4} bars={d.candidates.map((c) => ({ label: c.name ?? `Candidate ${c.candidate}`, value: c.score ?? 0, note: c.score === null ? '(none)' : '' }))} />
        </>
      )}
    </Page>
  );
}
