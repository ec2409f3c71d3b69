import { InitialSchema1732400000000 } from './1732400000000-initial-schema';

/** Every migration, oldest first. Listed explicitly so ts (tests) and js (dist) load the same set. */
export const MIGRATIONS: Function[] = [InitialSchema1732400000000];
