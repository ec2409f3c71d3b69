/** Every migration, oldest first. Listed explicitly so ts (tests) and js (dist) load the same set. */
export const MIGRATIONS: Function[] = [];
