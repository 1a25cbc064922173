// SPDX-License-Identifier: MIT
// People: add an account with a role, disable or enable it, reset its password.
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import { useSession, type Role } from '../../session';
import { Banner, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextField, errorFor } from '../../ui/Field';
import { formatDate } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';

type User = Schemas['User'];

const ROLES: { value: Role; label: string }[] = [
  { value: 'recruiter', label: 'Recruiter: screens, moves candidates, schedules loops' },
  { value: 'interviewer', label: 'Interviewer: runs interviews and scores them' },
  { value: 'admin', label: 'Admin: everything, people included' },
  { value: 'candidate', label: 'Candidate: practises' },
];

function AddUser(props: { onAdded: (u: User) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('recruiter');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/users', {
      body: { email: email.trim(), name: name.trim() || null, role, password: password || null },
    });
    setBusy(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setFailure(null);
    setEmail('');
    setName('');
    setPassword('');
    props.onAdded(data);
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby="add-h">
      <h2 id="add-h">Add a person</h2>
      <FailureBanner failure={failure} unlessField />
      <TextField label="Email" type="email" required value={email} onValue={setEmail} error={errorFor(failure, 'email')} />
      <TextField label="Name" value={name} onValue={setName} error={errorFor(failure, 'name')} />
      <SelectField label="Role" value={role} onValue={setRole} options={ROLES} error={errorFor(failure, 'role')} />
      <TextField
        label="Password"
        type="password"
        autocomplete="new-password"
        value={password}
        onValue={setPassword}
        hint="At least 10 characters. Leave it empty to set one later: the person cannot sign in until then."
        error={errorFor(failure, 'password')}
      />
      <div>
        <Button kind="primary" type="submit" busy={busy} disabled={!email.trim()}>
          Add
        </Button>
      </div>
    </form>
  );
}

function ResetPassword(props: { user: User | null; onDone: (msg: string) => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const u = props.user;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!u || busy) return;
    setBusy(true);
    const { data, error, response } = await api.PATCH('/api/v1/users/{id}', {
      params: { path: { id: u.id } },
      body: { password },
    });
    setBusy(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setPassword('');
    setFailure(null);
    props.onDone(`The password of ${u.email} was reset; their sessions have ended.`);
  };
  return (
    <Dialog open={u !== null} title={`Reset the password of ${u?.email ?? ''}`} onClose={props.onCancel}>
      <form class="form" onSubmit={submit}>
        <FailureBanner failure={failure} unlessField />
        <TextField
          label="New password"
          type="password"
          autocomplete="new-password"
          required
          value={password}
          onValue={setPassword}
          hint="At least 10 characters. Tell it to the person by a safe channel."
          error={errorFor(failure, 'password')}
        />
        <div class="dialog-actions">
          <Button onClick={props.onCancel}>Cancel</Button>
          <Button kind="primary" type="submit" busy={busy} disabled={password.length < 10}>
            Reset password
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export default function UsersPage() {
  const me = useSession();
  const users = useLoad((signal) => api.GET('/api/v1/users', { signal, params: { query: { limit: 500 } } }), []);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [busyId, setBusyId] = useState(0);
  const toggle = async (u: User) => {
    setBusyId(u.id);
    const { data, error, response } = await api.PATCH('/api/v1/users/{id}', {
      params: { path: { id: u.id } },
      body: { disabled: !u.disabled },
    });
    setBusyId(0);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setFailure(null);
    setNotice(`${u.email} is ${data.disabled ? 'disabled: their sessions and tokens no longer work' : 'enabled again'}.`);
    users.reload();
  };
  return (
    <Page title="Users">
      {notice && <Banner kind="success">{notice}</Banner>}
      <FailureBanner failure={failure} />
      <FailureBanner failure={users.failure} />
      {!users.data ? (
        <Loading />
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label="Everyone with an account">
          <table class="data">
            <caption class="sr-only">Everyone with an account</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id}>
                  <td>{u.email}</td>
                  <td>{u.name ?? ''}</td>
                  <td>{u.role}</td>
                  <td>{u.disabled ? <span class="badge badge-danger">disabled</span> : <span class="badge badge-success">active</span>}</td>
                  <td>{formatDate(u.created_at)}</td>
                  <td class="actions">
                    {u.id !== me?.id && (
                      <Button kind="link" busy={busyId === u.id} onClick={() => toggle(u)} aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.email}`}>
                        {u.disabled ? 'Enable' : 'Disable'}
                      </Button>
                    )}
                    <Button kind="link" onClick={() => setResetting(u)} aria-label={`Reset password of ${u.email}`}>
                      Reset password
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddUser
        onAdded={(u) => {
          setNotice(`${u.email} was added as ${u.role}.`);
          users.reload();
        }}
      />
      <ResetPassword
        user={resetting}
        onCancel={() => setResetting(null)}
        onDone={(msg) => {
          setResetting(null);
          setNotice(msg);
        }}
      />
    </Page>
  );
}
