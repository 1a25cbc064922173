// SPDX-License-Identifier: MIT
// Question insight: how each question's ratings spread, how they agree with the decisions
// made, and the questions worth retiring, with the reason.
import { api } from '../../api';
import { Link, useQuery } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { formatNumber } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';
import { RoleFilter } from './RoleFilter';

export default function QuestionsPage() {
  const role = useQuery().get('role') ?? '';
  const r = useLoad((signal) => api.GET('/api/v1/insight/questions', { signal, params: { query: role ? { role } : {} } }), [role]);
  const d = r.data;
  return (
    <Page title="Question insight" wide>
      <RoleFilter role={role} />
      <FailureBanner failure={r.failure} />
      {!d ? (
        !r.failure && <Loading />
      ) : !d.questions.length ? (
        <Empty>No question has been rated yet.</Empty>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Questions">
          <table class="data">
            <caption class="sr-only">Each question's ratings and their agreement with decisions</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col" class="num">
                  Asked
                </th>
                <th scope="col">Ratings 1 / 2 / 3 / 4</th>
                <th scope="col" class="num">
                  Mean
                </th>
                <th scope="col" class="num">
                  Agreement
                </th>
                <th scope="col" class="num">
                  Correlation
                </th>
                <th scope="col">Retire?</th>
              </tr>
            </thead>
            <tbody>
              {d.questions.map((q) => (
                <tr key={q.question}>
                  <td>{q.title ? <Link href={`/bank/${q.question}`}>{q.title}</Link> : q.question}</td>
                  <td class="num">{q.asked}</td>
                  <td>{q.distribution.join(' / ')}</td>
                  <td class="num">{formatNumber(q.mean, 2)}</td>
                  <td class="num">{q.decided.agreement === null ? '–' : `${formatNumber(q.decided.agreement * 100, 0)}%`}</td>
                  <td class="num">{formatNumber(q.decided.correlation, 2)}</td>
                  <td>{q.consider_retiring ? <span class="flag flag-disagreement">consider: {q.reason}</span> : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
