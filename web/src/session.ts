// SPDX-License-Identifier: MIT
// Who is signed in. The session lives in an HttpOnly cookie the page cannot read; the page
// keeps only the user and the CSRF token, in memory (never in localStorage), and asks the
// server again after a reload.
import { api, failureOf, setCsrf, type Failure, type Schemas } from './api';
import { navigate } from './router';
import { createStore, useStore } from './store';

export type User = Schemas['User'];
export type Role = Schemas['UserRole'];

/** undefined while the first answer is awaited, null when nobody is signed in. */
export const session = createStore<User | null | undefined>(undefined);

export function useSession(): User | null | undefined {
  return useStore(session);
}

export function hasRole(user: User | null | undefined, roles: readonly Role[] | undefined): boolean {
  return !!user && (!roles || roles.includes(user.role));
}

export const STAFF: readonly Role[] = ['admin', 'recruiter', 'interviewer'];
export const HIRING: readonly Role[] = ['admin', 'recruiter'];
export const ADMIN: readonly Role[] = ['admin'];

/** Asks the server who this is (after a reload, the cookie still says). */
export async function loadSession(): Promise<void> {
  const { data } = await api.GET('/api/v1/session');
  if (data && data.by === 'session') {
    setCsrf(data.csrf_token ?? '');
    session.set(data.user);
  } else {
    session.set(null);
  }
}

/** Signs in; null on success, else what went wrong. */
export async function signIn(email: string, password: string): Promise<Failure | null> {
  const { data, error, response } = await api.POST('/api/v1/session', {
    body: { email, password },
  });
  if (!data) return failureOf(error, response);
  setCsrf(data.csrf_token);
  const same = session.get()?.id === data.user.id;
  session.set(same ? session.get() : data.user);
  return null;
}

/** Ends the session and shows the sign-in page (with no page to return to). */
export async function signOut(): Promise<void> {
  await api.DELETE('/api/v1/session');
  setCsrf('');
  // both in one render: the sign-in page never sees the old user
  navigate('/sign-in');
  session.set(null);
}
