// SPDX-License-Identifier: MIT
// The sign-in page; afterwards the page the user was sent from, or their start page.
import { navigate, useQuery } from '../../router';
import { useSession } from '../../session';
import { SignInForm } from '../../SignInForm';
import { useEffect } from 'preact/hooks';

function safeNext(next: string | null): string {
  // only a path of this app: never another origin
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInPage() {
  const next = safeNext(useQuery().get('next'));
  const user = useSession();
  useEffect(() => {
    if (user) navigate(next, { replace: true });
  }, [user, next]);
  return (
    <main id="main" class="sign-in-page" tabIndex={-1}>
      <div class="sign-in-card">
        <p class="brand">Rubric</p>
        <h1 id="page-title" tabIndex={-1}>
          Sign in
        </h1>
        <SignInForm onDone={() => navigate(next, { replace: true })} />
        <p class="hint">
          Forgot your password? Ask an admin to reset it. The first admin's password is printed when the
          server first starts.
        </p>
      </div>
    </main>
  );
}
