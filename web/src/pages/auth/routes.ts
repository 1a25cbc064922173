// SPDX-License-Identifier: MIT
// Signing in, and the start page that sends each role to its own first screen.
import type { RouteDef } from '../../router';

export const routes: RouteDef[] = [
  { path: '/sign-in', title: 'Sign in', load: () => import('./SignInPage'), public: true },
  { path: '/', title: 'Rubric', load: () => import('./Home') },
];
