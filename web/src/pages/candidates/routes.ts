// SPDX-License-Identifier: MIT
// The candidates pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';
import { HIRING } from '../../session';

export const routes: RouteDef[] = [
  {
    path: '/candidates',
    title: 'Candidates',
    load: () => import('./CandidatesPage'),
    roles: HIRING,
    nav: { label: 'Candidates', order: 11 },
  },
  { path: '/candidates/:id', title: 'Candidate', load: () => import('./CandidatePage'), roles: HIRING },
];
