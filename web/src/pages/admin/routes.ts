// SPDX-License-Identifier: MIT
// What only admins do: people, role profiles, bank imports, the audit log, the server's status,
// the fairness report.
import type { RouteDef } from '../../router';
import { ADMIN } from '../../session';

export const routes: RouteDef[] = [
  {
    path: '/admin/users',
    title: 'Users',
    load: () => import('./UsersPage'),
    roles: ADMIN,
    nav: { label: 'Users', order: 90 },
  },
  {
    path: '/admin/roles',
    title: 'Role profiles',
    load: () => import('./RolesPage'),
    roles: ADMIN,
    nav: { label: 'Roles', order: 91 },
  },
  {
    path: '/admin/roles/:id',
    title: 'Role profile',
    load: () => import('./RolePage'),
    roles: ADMIN,
  },
  {
    path: '/admin/bank-import',
    title: 'Import questions',
    load: () => import('./BankImportPage'),
    roles: ADMIN,
    nav: { label: 'Import', order: 92 },
  },
  {
    path: '/admin/audit',
    title: 'Audit log',
    load: () => import('./AuditPage'),
    roles: ADMIN,
    nav: { label: 'Audit', order: 93 },
  },
  {
    path: '/admin/status',
    title: 'Status',
    load: () => import('./StatusPage'),
    roles: ADMIN,
    nav: { label: 'Status', order: 94 },
  },
  {
    path: '/admin/fairness',
    title: 'Fairness',
    load: () => import('./FairnessPage'),
    roles: ADMIN,
    nav: { label: 'Fairness', order: 95 },
  },
];
