// SPDX-License-Identifier: MIT
// One's own account: who one is, and personal API tokens (made, shown once, listed, revoked).
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import { useSession } from '../../session';
import { Banner, Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Confirm } from '../../ui/Dialog';
import { Checkbox, TextField, errorFor } from '../../ui/Field';
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
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Your API tokens">
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

function ChangePassword(props: { onChanged: (keptTokens: boolean) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [keep, setKeep] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const mismatch = again !== '' && again !== next;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || mismatch) return;
    setBusy(true);
    const { error, response } = await api.POST('/api/v1/account/password', {
      body: { current, new: next, keep_tokens: keep },
    });
    setBusy(false);
    if (!response.ok) {
      const f = failureOf(error, response);
      // a wrong current password is the current field's fault
      setFailure(response.status === 403 && !f.field ? { ...f, field: 'current' } : f);
      return;
    }
    setFailure(null);
    setCurrent('');
    setNext('');
    setAgain('');
    props.onChanged(keep);
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby="password-h">
      <h2 id="password-h">Password</h2>
      <FailureBanner failure={failure} unlessField />
      <TextField
        label="Current password"
        type="password"
        autocomplete="current-password"
        required
        value={current}
        onValue={setCurrent}
        error={errorFor(failure, 'current')}
      />
      <TextField
        label="New password"
        type="password"
        autocomplete="new-password"
        required
        minLength={10}
        value={next}
        onValue={setNext}
        hint="At least 10 characters."
        error={errorFor(failure, 'new')}
      />
      <TextField
        label="New password again"
        type="password"
        autocomplete="new-password"
        required
        value={again}
        onValue={setAgain}
        error={mismatch ? 'the two new passwords differ' : undefined}
      />
      <Checkbox
        label="Keep my API tokens working"
        checked={keep}
        onChecked={setKeep}
        hint="By default a new password revokes your tokens, and your other sessions end either way."
      />
      <div>
        <Button kind="primary" type="submit" busy={busy} disabled={!current || next.length < 10 || next !== again}>
          Change password
        </Button>
      </div>
    </form>
  );
}

export default function AccountPage() {
  const user = useSession();
  const [changed, setChanged] = useState('');
  if (!user) return null;
  return (
    <Page title="Account">
      {changed && <Banner kind="success">{changed}</Banner>}
      <dl class="facts">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Name</dt>
        <dd>{user.name ?? '—'}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
      </dl>
      <ChangePassword
        onChanged={(kept) =>
          setChanged(
            `Your password was changed; your other sessions have ended${kept ? '' : ', and your API tokens were revoked'}.`,
          )
        }
      />
      <Tokens key={changed} />
    </Page>
  );
}
