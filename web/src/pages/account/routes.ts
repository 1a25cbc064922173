// SPDX-License-Identifier: MIT
// One's own account: password and personal API tokens.
import type { RouteDef } from '../../router';

export const routes: RouteDef[] = [
  { path: '/account', title: 'Account', load: () => import('./AccountPage') },
];
