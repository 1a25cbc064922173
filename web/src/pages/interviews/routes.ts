// SPDX-License-Identifier: MIT
// The interviews pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';
import { HIRING, STAFF } from '../../session';

export const routes: RouteDef[] = [
  {
    path: '/interviews',
    title: 'My interviews',
    load: () => import('./InterviewsPage'),
    roles: STAFF,
    nav: { label: 'Interviews', order: 30 },
  },
  { path: '/interviews/new', title: 'Schedule an interview', load: () => import('./NewInterviewPage'), roles: HIRING },
  { path: '/interviews/:id', title: 'Interview', load: () => import('./InterviewPage'), roles: STAFF },
];
