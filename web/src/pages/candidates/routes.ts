// SPDX-License-Identifier: MIT
// The candidates pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';

export const routes: RouteDef[] = [];
