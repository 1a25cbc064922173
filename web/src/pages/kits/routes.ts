// SPDX-License-Identifier: MIT
// The kit pages' routes (see router.tsx for the shape): build one, and a stored one.
import type { RouteDef } from '../../router';
import { STAFF } from '../../session';

export const routes: RouteDef[] = [
  {
    path: '/kits/new',
    title: 'New interview kit',
    load: () => import('./KitNewPage'),
    roles: STAFF,
    nav: { label: 'Kits', order: 61 },
  },
  { path: '/kits/:id', title: 'Interview kit', load: () => import('./KitPage'), roles: STAFF },
];
