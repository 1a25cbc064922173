// SPDX-License-Identifier: MIT
// The recruiter's dashboard: per opening, applications per stage with how long they have
// waited there, the time to fill, and the funnel (as a chart and as a table with the same
// figures); then the applications waiting for screening and the interviews waiting for
// scorecards. Every figure comes from GET /api/v1/dashboard.
import { api, type Schemas } from '../../api';
import { Link } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Funnel } from '../../ui/Charts';
import { formatDate, formatNumber, plural } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

type Dash = Schemas['Dashboard'];
type OpeningFigures = Dash['openings'][number];

const KIND: Record<string, string> = {
  applied: 'Applied',
  screened: 'Screened',
  interviewing: 'Interviewing',
  offer: 'Offer',
  hired: 'Hired',
};

function days(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : `${formatNumber(n)} d`;
}

function OpeningCard(props: { o: OpeningFigures }) {
  const o = props.o;
  const first = Math.max(1, o.funnel[0]?.reached ?? 0);
  const head = `dash-${o.id}`;
  return (
    <section class="card" aria-labelledby={head}>
      <h2 id={head}>
        <Link href={`/pipeline?opening=${o.id}`}>{o.title}</Link> <span class="muted">({o.status})</span>
      </h2>
      <p>
        Headcount {o.headcount}. Opened {o.opened_at ? formatDate(o.opened_at) : 'not yet'}
        {o.filled_at ? `, filled ${formatDate(o.filled_at)}` : ''}. Time to fill: {o.time_to_fill_days === null ? 'not filled yet' : days(o.time_to_fill_days)}.
      </p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={`Stages of ${o.title}`}>
        <table class="data">
          <caption>Applications per stage and their time there</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" class="num">
                Now
              </th>
              <th scope="col" class="num">
                Mean time in stage
              </th>
              <th scope="col" class="num">
                Longest
              </th>
            </tr>
          </thead>
          <tbody>
            {o.time_in_stage.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{s.stage}</th>
                <td class="num">{s.count}</td>
                <td class="num">{days(s.mean_days)}</td>
                <td class="num">{days(s.max_days)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Funnel title={`Funnel of ${o.title}: applications that reached each step`} steps={o.funnel.map((f) => ({ label: KIND[f.kind] ?? f.kind, value: f.reached }))} />
      <div class="table-wrap" tabIndex={0} role="region" aria-label={`Funnel of ${o.title} as a table`}>
        <table class="data">
          <caption>The funnel's figures</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col" class="num">
                Reached
              </th>
              <th scope="col" class="num">
                Share of applications
              </th>
            </tr>
          </thead>
          <tbody>
            {o.funnel.map((f) => (
              <tr key={f.kind}>
                <th scope="row">{KIND[f.kind] ?? f.kind}</th>
                <td class="num">{f.reached}</td>
                <td class="num">{Math.round((100 * f.reached) / first)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function DashboardPage() {
  const d = useLoad((signal) => api.GET('/api/v1/dashboard', { signal }), []);
  const data = d.data;
  return (
    <Page title="Dashboard" wide>
      <FailureBanner failure={d.failure} />
      {!data ? (
        !d.failure && <Loading />
      ) : (
        <>
          <section aria-labelledby="waiting-screening">
            <h2 id="waiting-screening">Waiting for screening ({data.awaiting_screening.total})</h2>
            {!data.awaiting_screening.items.length ? (
              <Empty>Nobody is waiting.</Empty>
            ) : (
              <ul>
                {data.awaiting_screening.items.map((a) => (
                  <li key={a.id}>
                    <Link href={`/candidates/${a.candidate}`}>{a.name}</Link> for {a.opening_title}, since {formatDate(a.stage_since)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="waiting-scorecards">
            <h2 id="waiting-scorecards">Interviews waiting for scorecards ({data.awaiting_scorecards.total})</h2>
            {!data.awaiting_scorecards.items.length ? (
              <Empty>Every scorecard is in.</Empty>
            ) : (
              <ul>
                {data.awaiting_scorecards.items.map((x) => (
                  <li key={x.interview}>
                    <Link href={`/interviews/${x.interview}`}>Interview {x.interview}</Link> ({x.stage}
                    {x.scheduled_at ? `, ${formatDate(x.scheduled_at)}` : ''}): {plural(x.pending.length, 'scorecard')} missing, from {x.pending.join(', ')}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <h2>Openings</h2>
          {!data.openings.length ? <Empty>No openings yet.</Empty> : data.openings.map((o) => <OpeningCard key={o.id} o={o} />)}
        </>
      )}
    </Page>
  );
}
