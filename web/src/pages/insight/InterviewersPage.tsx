// SPDX-License-Identifier: MIT
// Interviewer calibration: each interviewer's ratings and yes rate against the panel's on the
// candidates they shared, judged only with enough shared candidates (the note says so).
import { api } from '../../api';
import { useQuery } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Bars } from '../../ui/Charts';
import { formatNumber } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';
import { RoleFilter } from './RoleFilter';

function signed(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–';
  return `${n > 0 ? '+' : ''}${formatNumber(n, 2)}`;
}

export default function InterviewersPage() {
  const role = useQuery().get('role') ?? '';
  const r = useLoad((signal) => api.GET('/api/v1/insight/interviewers', { signal, params: { query: role ? { role } : {} } }), [role]);
  const d = r.data;
  return (
    <Page title="Interviewer calibration" wide>
      <RoleFilter role={role} />
      <FailureBanner failure={r.failure} />
      {!d ? (
        !r.failure && <Loading />
      ) : !d.interviewers.length ? (
        <Empty>No scorecard yet.</Empty>
      ) : (
        <>
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Interviewers">
            <table class="data">
              <caption class="sr-only">Each interviewer against the panel</caption>
              <thead>
                <tr>
                  <th scope="col">Interviewer</th>
                  <th scope="col" class="num">
                    Scorecards
                  </th>
                  <th scope="col" class="num">
                    Mean rating
                  </th>
                  <th scope="col" class="num">
                    Against the panel
                  </th>
                  <th scope="col" class="num">
                    Yes rate
                  </th>
                  <th scope="col" class="num">
                    Against the panel
                  </th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {d.interviewers.map((i) => (
                  <tr key={i.interviewer_id}>
                    <td>{i.interviewer ?? `account ${i.interviewer_id}`}</td>
                    <td class="num">{i.scorecards}</td>
                    <td class="num">{formatNumber(i.mean_rating, 2)}</td>
                    <td class="num">{signed(i.panel.rating_difference)}</td>
                    <td class="num">{i.yes_rate === null ? '–' : `${formatNumber(i.yes_rate * 100, 0)}%`}</td>
                    <td class="num">{i.panel.yes_rate_difference === null ? '–' : `${signed(i.panel.yes_rate_difference * 100)} points`}</td>
                    <td>{i.enough_data ? '' : (i.note ?? 'not enough shared candidates')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Bars title="Mean rating given (1 to 4)" max={4} bars={d.interviewers.map((i) => ({ label: i.interviewer ?? String(i.interviewer_id), value: i.mean_rating ?? 0 }))} />
        </>
      )}
    </Page>
  );
}
