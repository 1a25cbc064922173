// SPDX-License-Identifier: MIT
// The screenings pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';
import { HIRING } from '../../session';

export const routes: RouteDef[] = [
  { path: '/screenings/new', title: 'New screening', load: () => import('./NewScreeningPage'), roles: HIRING, nav: { label: 'Screen', order: 12 } },
  { path: '/screenings/:id', title: 'Screening', load: () => import('./ScreeningPage'), roles: HIRING },
];
