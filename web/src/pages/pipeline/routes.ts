// SPDX-License-Identifier: MIT
// The pipeline pages' routes (see router.tsx for the shape).
import type { RouteDef } from '../../router';

export const routes: RouteDef[] = [];
