// SPDX-License-Identifier: MIT
// The pipeline pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';
import { HIRING } from '../../session';

export const routes: RouteDef[] = [
  { path: '/pipeline', title: 'Pipeline', load: () => import('./PipelinePage'), roles: HIRING, nav: { label: 'Pipeline', order: 10 } },
];
