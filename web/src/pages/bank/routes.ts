// SPDX-License-Identifier: MIT
// The bank pages' routes (see router.tsx for the shape): search with filters, and one
// question with what an interviewer listens for. Staff only, as the API.
import type { RouteDef } from '../../router';
import { STAFF } from '../../session';

export const routes: RouteDef[] = [
  {
    path: '/bank',
    title: 'Question bank',
    load: () => import('./BankPage'),
    roles: STAFF,
    nav: { label: 'Bank', order: 60 },
  },
  { path: '/bank/:id', title: 'Question', load: () => import('./QuestionPage'), roles: STAFF },
];
