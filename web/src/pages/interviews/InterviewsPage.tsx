// SPDX-License-Identifier: MIT
// My interviews: those waiting for my scorecard first (soonest first), then the ones I have
// scored. Recruiters and admins can look at every interview too.
import { api, type Schemas } from '../../api';
import { Link, setQuery, useQuery } from '../../router';
import { HIRING, hasRole, useSession } from '../../session';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Checkbox } from '../../ui/Field';
import { formatTime, plural } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

type Summary = Schemas['InterviewSummary'];

export function PanelStates(props: { panel: Summary['panel'] }) {
  return (
    <ul class="panel-list">
      {props.panel.map((p) => (
        <li key={p.email}>
          {p.name ?? p.email}:{' '}
          {p.scorecard ? <span class="badge badge-success">✓ submitted</span> : <span class="badge badge-warning">… waiting</span>}
        </li>
      ))}
    </ul>
  );
}

function when(s: Summary): number {
  const t = Date.parse(s.scheduled_at ?? s.created_at);
  return Number.isNaN(t) ? 0 : t;
}

function Table(props: { items: Summary[]; caption: string }) {
  if (!props.items.length) return <Empty>None.</Empty>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={props.caption}>
      <table class="data">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Stage</th>
            <th scope="col">When</th>
            <th scope="col" class="num">
              Minutes
            </th>
            <th scope="col">Panel</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={`/interviews/${s.id}`}>{s.candidate_name}</Link>
              </td>
              <td>{s.stage}</td>
              <td>{s.scheduled_at ? formatTime(s.scheduled_at) : <span class="muted">not scheduled</span>}</td>
              <td class="num">{s.minutes}</td>
              <td>
                <PanelStates panel={s.panel} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function InterviewsPage() {
  const me = useSession();
  const all = useQuery().get('all') === 'true' && hasRole(me, HIRING);
  const list = useLoad(
    (signal) => api.GET('/api/v1/interviews', { signal, params: { query: { limit: 500, ...(all ? {} : { mine: 'true' as const }) } } }),
    [all],
  );
  const items = [...(list.data?.items ?? [])].sort((a, b) => when(a) - when(b));
  const waiting = items.filter((s) => s.panel.some((p) => p.email === me?.email && !p.scorecard));
  const rest = items.filter((s) => !waiting.includes(s));
  return (
    <Page title={all ? 'All interviews' : 'My interviews'} actions={hasRole(me, HIRING) && <Link href="/interviews/new">Schedule an interview</Link>}>
      {hasRole(me, HIRING) && (
        <Checkbox label="Show every interview, not only mine" checked={all} onChecked={(v) => setQuery({ all: v ? 'true' : null })} />
      )}
      <FailureBanner failure={list.failure} />
      {!list.data ? (
        !list.failure && <Loading />
      ) : (
        <>
          <h2>Waiting for your scorecard ({waiting.length})</h2>
          <Table items={waiting} caption="Interviews waiting for your scorecard" />
          <h2>{all ? 'Others' : 'Scored'} ({plural(rest.length, 'interview')})</h2>
          <Table items={rest} caption={all ? 'Other interviews' : 'Interviews you have scored'} />
        </>
      )}
    </Page>
  );
}
