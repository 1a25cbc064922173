// SPDX-License-Identifier: MIT
// Role profiles: the list, and a new one imported from a job description (a JSON Resume job,
// or the text of a posting pasted or uploaded), previewed before it is stored.
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import { Link, navigate } from '../../router';
import { Banner, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextArea, TextField, errorFor } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { RoleView } from './RoleView';

type Imported = Schemas['RoleImported'];

function ImportRole(props: { onStored: () => void }) {
  const [text, setText] = useState('');
  const [id, setId] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [preview, setPreview] = useState<Imported | null>(null);
  const send = async (dry: boolean) => {
    if (busy) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/roles/import', {
      body: { text, id: id.trim() || null, dry_run: dry },
    });
    setBusy(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setFailure(null);
    if (dry) {
      setPreview(data);
    } else {
      setPreview(null);
      setText('');
      props.onStored();
      navigate(`/admin/roles/${encodeURIComponent(data.role.id)}`);
    }
  };
  const onFile = async (e: Event) => {
    const f = (e.currentTarget as HTMLInputElement).files?.[0];
    if (f) setText(await f.text());
  };
  return (
    <section aria-labelledby="import-h">
      <h2 id="import-h">Import a role from a job description</h2>
      <p class="muted">
        Paste the text of a job posting (its first line is the title), or a JSON Resume job. You see the role before it is
        stored.
      </p>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <FailureBanner failure={failure} unlessField />
        <TextArea label="Job description" rows={10} value={text} onValue={setText} error={errorFor(failure, 'text')} />
        <div class="field">
          <label for="job-file">Or read it from a file</label>
          <input id="job-file" type="file" accept=".txt,.md,.json,text/plain,application/json" onChange={onFile} />
        </div>
        <TextField label="Id (optional)" value={id} onValue={setId} hint="3 to 64 of a-z, 0-9 and '-'; made from the title when empty." error={errorFor(failure, 'id')} />
        <div class="form-row">
          <Button kind="primary" type="submit" busy={busy} disabled={!text.trim()}>
            Preview
          </Button>
        </div>
      </form>
      {preview && (
        <div class="card preview" aria-live="polite">
          <h2>Preview: {preview.role.title}</h2>
          {preview.unmapped.length > 0 && (
            <Banner kind="info">
              <p>Not used:</p>
              <ul>
                {preview.unmapped.map((u, i) => (
                  <li key={i}>{u}</li>
                ))}
              </ul>
            </Banner>
          )}
          <RoleView role={preview.role} />
          <div class="form-row">
            <Button kind="primary" busy={busy} onClick={() => send(false)}>
              Store role {preview.role.id}
            </Button>
            <Button onClick={() => setPreview(null)}>Discard</Button>
          </div>
        </div>
      )}
    </section>
  );
}

export default function RolesPage() {
  const roles = useLoad((signal) => api.GET('/api/v1/roles', { signal, params: { query: { limit: 500 } } }), []);
  return (
    <Page title="Role profiles">
      <FailureBanner failure={roles.failure} />
      {!roles.data ? (
        <Loading />
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Role profiles">
          <table class="data">
            <caption class="sr-only">Role profiles</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Id</th>
                <th scope="col">Level</th>
                <th scope="col" class="num">
                  Years
                </th>
              </tr>
            </thead>
            <tbody>
              {roles.data.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/admin/roles/${encodeURIComponent(r.id)}`}>{r.title}</Link>
                  </td>
                  <td>
                    <code>{r.id}</code>
                  </td>
                  <td>{r.level}</td>
                  <td class="num">{r.min_years}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ImportRole onStored={roles.reload} />
    </Page>
  );
}
