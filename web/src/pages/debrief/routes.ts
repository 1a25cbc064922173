// SPDX-License-Identifier: MIT
// The debrief pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';

export const routes: RouteDef[] = [];
