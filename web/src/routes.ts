// SPDX-License-Identifier: MIT
// Every page of the app: each area lists its own routes in pages/AREA/routes.ts.
import type { RouteDef } from './router';
import { routes as account } from './pages/account/routes';
import { routes as admin } from './pages/admin/routes';
import { routes as auth } from './pages/auth/routes';
import { routes as bank } from './pages/bank/routes';
import { routes as candidates } from './pages/candidates/routes';
import { routes as dashboard } from './pages/dashboard/routes';
import { routes as debrief } from './pages/debrief/routes';
import { routes as insight } from './pages/insight/routes';
import { routes as interviews } from './pages/interviews/routes';
import { routes as kits } from './pages/kits/routes';
import { routes as openings } from './pages/openings/routes';
import { routes as pipeline } from './pages/pipeline/routes';
import { routes as practice } from './pages/practice/routes';
import { routes as screenings } from './pages/screenings/routes';

export const routes: RouteDef[] = [
  ...auth,
  ...account,
  ...dashboard,
  ...pipeline,
  ...openings,
  ...candidates,
  ...screenings,
  ...interviews,
  ...debrief,
  ...insight,
  ...bank,
  ...kits,
  ...practice,
  ...admin,
];
