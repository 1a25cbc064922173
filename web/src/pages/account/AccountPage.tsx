// SPDX-License-Identifier: MIT
// One's own account: who one is, and personal API tokens (made, shown once, listed, revoked).
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import { useSession } from '../../session';
import { Banner, Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Confirm } from '../../ui/Dialog';
import { TextField, errorFor } from '../../ui/Field';
import { formatTime } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';

type NewToken = Schemas['NewToken'];
type Token = Schemas['Token'];

function Tokens() {
  const tokens = useLoad((signal) => api.GET('/api/v1/tokens', { signal, params: { query: { limit: 500 } } }), []);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [made, setMade] = useState<NewToken | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/tokens', { body: { name: name.trim() } });
    setBusy(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setFailure(null);
    setMade(data);
    setName('');
    tokens.reload();
  };
  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    const { error, response } = await api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: revoking.id } } });
    setBusy(false);
    setRevoking(null);
    setFailure(response.ok ? null : failureOf(error, response));
    tokens.reload();
  };
  const live = (tokens.data?.items ?? []).filter((t) => !t.revoked);
  return (
    <section aria-labelledby="tokens-h">
      <h2 id="tokens-h">API tokens</h2>
      <p class="muted">
        A token lets a script use the API as you: send it as <code>Authorization: Bearer …</code>. It is shown once,
        when it is made.
      </p>
      <form class="form-row" onSubmit={create}>
        <TextField
          label="What the token is for"
          value={name}
          onValue={setName}
          required
          maxLength={100}
          error={errorFor(failure, 'name')}
        />
        <Button kind="primary" type="submit" busy={busy} disabled={!name.trim()}>
          Make a token
        </Button>
      </form>
      <FailureBanner failure={failure} unlessField />
      {made && (
        <Banner kind="success">
          <p>
            Token “{made.name}” made. Copy it now: it will not be shown again.
          </p>
          <p>
            <label for="new-token" class="sr-only">
              The new token
            </label>
            <input id="new-token" class="token" readOnly value={made.token} size={56} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
          </p>
        </Banner>
      )}
      {tokens.data === undefined ? (
        <Loading />
      ) : live.length === 0 ? (
        <Empty>No tokens.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <caption class="sr-only">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Made</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {live.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>{formatTime(t.created_at)}</td>
                  <td>{t.last_used_at ? formatTime(t.last_used_at) : 'never'}</td>
                  <td>
                    <Button kind="link" onClick={() => setRevoking(t)} aria-label={`Revoke token ${t.name}`}>
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Confirm
        open={revoking !== null}
        title="Revoke this token?"
        confirmLabel="Revoke"
        danger
        busy={busy}
        onConfirm={revoke}
        onCancel={() => setRevoking(null)}
      >
        <p>Scripts that use “{revoking?.name}” will stop working at once.</p>
      </Confirm>
    </section>
  );
}

export default function AccountPage() {
  const user = useSession();
  if (!user) return null;
  return (
    <Page title="Account">
      <dl class="facts">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Name</dt>
        <dd>{user.name ?? '—'}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
      </dl>
      <Tokens />
    </Page>
  );
}
