// SPDX-License-Identifier: MIT
// The openings pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';
import { HIRING, STAFF } from '../../session';

export const routes: RouteDef[] = [
  { path: '/openings', title: 'Openings', load: () => import('./OpeningsPage'), roles: HIRING, nav: { label: 'Openings', order: 9 } },
  { path: '/openings/:id', title: 'Opening', load: () => import('./OpeningPage'), roles: STAFF },
];
