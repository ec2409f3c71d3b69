import { NATIONAL_V1, STRICT_V1, type ProcedureProfile } from './profiles';
import { NATIONAL_V2, STRICT_V2 } from './v2/profiles.v2';

/** The machine version new decisions start on. */
export const CURRENT_MACHINE_VERSION = 2;

/**
 * Profile versions by the machine version they belong to: a decision pins a
 * profile valid for its machine, and replay finds it again by id and version.
 */
const PROFILES_BY_MACHINE: ReadonlyMap<number, readonly ProcedureProfile[]> = new Map([
  [1, [NATIONAL_V1, STRICT_V1]],
  [2, [NATIONAL_V2, STRICT_V2]],
]);

/** The newest version of a profile for a machine version (by default the one new decisions start on). */
export function latestProfile(id: string, machineVersion: number = CURRENT_MACHINE_VERSION): ProcedureProfile | undefined {
  return profilesFor(machineVersion)
    .filter((p) => p.id === id)
    .sort((a, b) => b.version - a.version)[0];
}

/** The profile versions a decision on this machine version may be pinned to. */
export function profilesFor(machineVersion: number): readonly ProcedureProfile[] {
  return PROFILES_BY_MACHINE.get(machineVersion) ?? [];
}

/** An exact profile version, used by replay. */
export function findProfile(id: string, version: number): ProcedureProfile | undefined {
  return listProfiles().find((p) => p.id === id && p.version === version);
}

/** The ids of the profiles known to this build (each may have several versions). */
export function profileIds(): string[] {
  return [...new Set(listProfiles().map((p) => p.id))];
}

/** All profile versions known to this build. */
export function listProfiles(): readonly ProcedureProfile[] {
  return [...PROFILES_BY_MACHINE.values()].flat();
}

/** The machine version a profile version belongs to. */
export function machineVersionOf(profile: Pick<ProcedureProfile, 'id' | 'version'>): number | undefined {
  for (const [machine, profiles] of PROFILES_BY_MACHINE) if (profiles.some((p) => p.id === profile.id && p.version === profile.version)) return machine;
  return undefined;
}
