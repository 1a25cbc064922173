// SPDX-License-Identifier: MIT
// The debrief pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';
import { STAFF } from '../../session';

export const routes: RouteDef[] = [
  { path: '/candidates/:id/debrief', title: 'Debrief', load: () => import('./DebriefPage'), roles: STAFF },
];
