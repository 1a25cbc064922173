// SPDX-License-Identifier: MIT
// The recruiter's dashboard route (see router.tsx for the shape).
import type { RouteDef } from '../../router';
import { HIRING } from '../../session';

export const routes: RouteDef[] = [
  { path: '/dashboard', title: 'Dashboard', load: () => import('./DashboardPage'), roles: HIRING, nav: { label: 'Dashboard', order: 8 } },
];
