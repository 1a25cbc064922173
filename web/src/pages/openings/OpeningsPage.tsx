// SPDX-License-Identifier: MIT
// The openings: each with its status and applications per stage, a link to its page and
// to its pipeline; and a short form for a new one (title, role, description), which starts
// in draft as every opening does.
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure } from '../../api';
import { Link, navigate } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextArea, TextField, errorFor } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

function NewOpening() {
  const roles = useLoad((signal) => api.GET('/api/v1/roles', { signal }), []);
  const [title, setTitle] = useState('');
  const [role, setRole] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/openings', {
      body: { title: title.trim(), role: role || null, description: description.trim() || null },
    });
    setBusy(false);
    if (!data) return setFailure(failureOf(error, response));
    navigate(`/openings/${data.id}`);
  };
  const options = [{ value: '', label: 'None' }, ...(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))];
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="new-opening">
      <h2 id="new-opening">New opening</h2>
      <FailureBanner failure={failure} unlessField />
      <TextField label="Title" required maxLength={200} value={title} onValue={setTitle} error={errorFor(failure, 'title')} />
      <SelectField label="Role profile" value={role} onValue={setRole} options={options} hint="Its competencies make the kits and debriefs." error={errorFor(failure, 'role')} />
      <TextArea
        label="Job description"
        rows={8}
        maxLength={65536}
        value={description}
        onValue={setDescription}
        hint="Markdown. The criteria applicants are screened against are read from it; you can edit them on the opening's page."
        error={errorFor(failure, 'description')}
      />
      <Button kind="primary" type="submit" busy={busy}>
        Add the opening
      </Button>
    </form>
  );
}

export default function OpeningsPage() {
  const list = useLoad((signal) => api.GET('/api/v1/openings', { signal, params: { query: { limit: 100 } } }), []);
  return (
    <Page title="Openings" wide>
      <FailureBanner failure={list.failure} />
      {!list.data ? (
        !list.failure && <Loading />
      ) : !list.data.items.length ? (
        <Empty>No openings yet.</Empty>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Openings">
          <table class="data">
            <caption class="sr-only">Openings with their applications per stage</caption>
            <thead>
              <tr>
                <th scope="col">Opening</th>
                <th scope="col">Status</th>
                <th scope="col">Applications per stage</th>
                <th scope="col">
                  <span class="sr-only">Pipeline</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link href={`/openings/${o.id}`}>{o.title}</Link>
                  </td>
                  <td>{o.status}</td>
                  <td>{o.counts.filter((c) => c.count > 0).map((c) => `${c.stage} ${c.count}`).join(', ') || 'none'}</td>
                  <td>
                    <Link href={`/pipeline?opening=${o.id}`}>
                      Pipeline<span class="sr-only"> of {o.title}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewOpening />
    </Page>
  );
}
