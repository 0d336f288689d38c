/** node flags for the production server from `env` (see node-flags.mjs); throws on a bad value. */
export function productionNodeFlags(env?: Record<string, string | undefined>): string[];
