// SPDX-License-Identifier: MIT
// The practice pages' routes (see router.tsx for the shape). Practice is for anyone signed
// in, as the API; the candidate's home.
import type { RouteDef } from '../../router';

export const routes: RouteDef[] = [
  {
    path: '/practice',
    title: 'Practice',
    load: () => import('./PracticePage'),
    nav: { label: 'Practice', order: 70 },
  },
  { path: '/practice/session', title: 'Practice session', load: () => import('./SessionPage') },
  { path: '/practice/stats', title: 'Practice progress', load: () => import('./StatsPage') },
];
