// SPDX-License-Identifier: MIT
// The insight pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';
import { HIRING } from '../../session';

export const routes: RouteDef[] = [
  { path: '/roles/:id/comparison', title: 'Candidates compared', load: () => import('./ComparisonPage'), roles: HIRING },
  {
    path: '/insight/interviewers',
    title: 'Interviewer calibration',
    load: () => import('./InterviewersPage'),
    roles: HIRING,
    nav: { label: 'Insight', order: 40 },
  },
  { path: '/insight/questions', title: 'Question insight', load: () => import('./QuestionsPage'), roles: HIRING },
];
