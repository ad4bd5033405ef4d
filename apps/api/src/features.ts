import type { DynamicModule, Type } from '@nestjs/common';

/**
 * Feature modules (units, clusters, emulation years, awards, queries). Each feature adds its
 * module here; app.module.ts imports them all. Kept apart so features never edit the shell.
 */
export const featureModules: Array<Type | DynamicModule> = [];
