// SPDX-License-Identifier: MIT
// The practice pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';

export const routes: RouteDef[] = [];
