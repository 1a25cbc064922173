// SPDX-License-Identifier: MIT
// The audit log: who viewed, made, changed, exported or erased candidate data, filtered by
// candidate, actor, action and time, newest first, a page at a time.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api';
import { setQuery, useQuery } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { formatTime, plural } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';

type Action = Schemas['AuditAction'];
const ACTIONS: { value: Action | ''; label: string }[] = [
  { value: '', label: 'Any' },
  { value: 'view', label: 'view' },
  { value: 'create', label: 'create' },
  { value: 'change', label: 'change' },
  { value: 'export', label: 'export' },
  { value: 'erase', label: 'erase' },
];
const PAGE = 50;

export default function AuditPage() {
  const q = useQuery();
  const [candidate, setCandidate] = useState(q.get('candidate') ?? '');
  const [actor, setActor] = useState(q.get('actor') ?? '');
  const [action, setAction] = useState<Action | ''>((q.get('action') as Action | null) ?? '');
  const [since, setSince] = useState(q.get('since') ?? '');
  const offset = Number(q.get('offset') ?? '0') || 0;
  const key = q.toString();
  const log = useLoad(
    (signal) => {
      const c = Number(q.get('candidate'));
      const a = q.get('action') as Action | null;
      return api.GET('/api/v1/audit', {
        signal,
        params: {
          query: {
            ...(c > 0 ? { candidate: c } : {}),
            ...(q.get('actor') ? { actor: q.get('actor') ?? '' } : {}),
            ...(a ? { action: a } : {}),
            ...(q.get('since') ? { since: q.get('since') ?? '' } : {}),
            limit: PAGE,
            offset,
          },
        },
      });
    },
    [key],
  );
  const apply = (e: Event) => {
    e.preventDefault();
    setQuery({ candidate, actor, action, since, offset: null });
  };
  const total = log.data?.total ?? 0;
  return (
    <Page title="Audit log">
      <form class="form-row filters" onSubmit={apply} aria-label="Filter the audit log">
        <TextField label="Candidate id" inputMode="numeric" value={candidate} onValue={setCandidate} />
        <TextField label="Actor (email)" value={actor} onValue={setActor} />
        <SelectField label="Action" value={action} onValue={setAction} options={ACTIONS} />
        <TextField label="Since (UTC)" type="date" value={since} onValue={setSince} />
        <Button type="submit" kind="primary">
          Filter
        </Button>
      </form>
      <FailureBanner failure={log.failure} />
      {!log.data ? (
        !log.failure && <Loading />
      ) : log.data.items.length === 0 ? (
        <Empty>No entries.</Empty>
      ) : (
        <>
          <p class="muted" role="status">
            {plural(total, 'entry', 'entries')}
            {total > PAGE ? `; showing ${offset + 1} to ${Math.min(offset + PAGE, total)}` : ''}
          </p>
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Audit entries, newest first">
            <table class="data">
              <caption class="sr-only">Audit entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col" class="num">
                    Candidate
                  </th>
                  <th scope="col">What</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>{formatTime(e.at)}</td>
                    <td>{e.actor}</td>
                    <td>{e.action}</td>
                    <td class="num">{e.candidate ?? ''}</td>
                    <td>{e.what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="form-row pager">
            <Button disabled={offset === 0} onClick={() => setQuery({ offset: String(Math.max(0, offset - PAGE)) })}>
              Newer
            </Button>
            <Button disabled={offset + PAGE >= total} onClick={() => setQuery({ offset: String(offset + PAGE) })}>
              Older
            </Button>
          </div>
        </>
      )}
    </Page>
  );
}
