// Types for build.mjs, which stays plain JavaScript so it runs before every start without a loader.
import type { BuildOptions } from 'esbuild';

export const bundleOptions: BuildOptions;
export function isStale(): boolean;
export function build(): Promise<number>;
