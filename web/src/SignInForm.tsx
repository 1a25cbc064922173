// SPDX-License-Identifier: MIT
// The sign-in form, shared by the sign-in page and the dialog that appears when a session
// expires in the middle of work.
import { useState } from 'preact/hooks';
import type { Failure } from './api';
import { signIn } from './session';
import { FailureBanner } from './ui/Banner';
import { Button } from './ui/Button';
import { TextField, errorFor } from './ui/Field';

export function SignInForm(props: { onDone: () => void; email?: string }) {
  const [email, setEmail] = useState(props.email ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const f = await signIn(email.trim(), password);
    setBusy(false);
    setFailure(f);
    if (!f) {
      setPassword('');
      props.onDone();
    }
  };
  return (
    <form class="form sign-in" onSubmit={submit} noValidate>
      <FailureBanner failure={failure} unlessField />
      <TextField
        label="Email"
        type="email"
        autocomplete="username"
        required
        value={email}
        onValue={setEmail}
        error={errorFor(failure, 'email')}
      />
      <TextField
        label="Password"
        type="password"
        autocomplete="current-password"
        required
        value={password}
        onValue={setPassword}
        error={errorFor(failure, 'password')}
      />
      <Button kind="primary" type="submit" busy={busy}>
        Sign in
      </Button>
    </form>
  );
}
