// SPDX-License-Identifier: MIT
// Candidates: a table searched by name or email (as one types), filtered by stage.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link, setQuery, useQuery } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { SelectField, TextField } from '../../ui/Field';
import { formatDate, plural } from '../../ui/format';
import { STAGES, stageLabel } from '../../ui/MoveStage';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

export default function CandidatesPage() {
  const query = useQuery();
  const q = query.get('q') ?? '';
  const stage = query.get('stage') ?? '';
  const [typed, setTyped] = useState(q);
  useEffect(() => {
    const t = window.setTimeout(() => setQuery({ q: typed.trim() || null }), 200);
    return () => window.clearTimeout(t);
  }, [typed]);
  const list = useLoad(
    (signal) =>
      api.GET('/api/v1/candidates', {
        signal,
        params: { query: { limit: 500, ...(q ? { q } : {}), ...(stage ? { stage: stage as (typeof STAGES)[number]['value'] } : {}) } },
      }),
    [q, stage],
  );
  const items = list.data?.items ?? [];
  return (
    <Page title="Candidates" actions={<Link href="/screenings/new">New screening</Link>}>
      <div class="form-row filters" role="search">
        <TextField label="Search by name or email" type="search" value={typed} onValue={setTyped} autocomplete="off" />
        <SelectField
          label="Stage"
          value={stage}
          onValue={(v) => setQuery({ stage: v || null })}
          options={[{ value: '', label: 'Any stage' }, ...STAGES]}
        />
      </div>
      <FailureBanner failure={list.failure} />
      <p class="sr-only" role="status">
        {list.data ? plural(list.data.total, 'candidate') + ' found' : ''}
      </p>
      {!list.data ? (
        !list.failure && <Loading />
      ) : !items.length ? (
        <Empty>No candidate matches.</Empty>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Candidates">
          <table class="data">
            <caption class="sr-only">Candidates</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Stage</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/candidates/${c.id}`}>{c.name}</Link>
                  </td>
                  <td>{c.email ?? ''}</td>
                  <td>{c.role ?? ''}</td>
                  <td>{stageLabel(c.stage)}</td>
                  <td>{formatDate(c.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
