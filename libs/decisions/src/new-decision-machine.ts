import { CURRENT_MACHINE_VERSION } from '@app/procedure';

/**
 * Injection token of the machine version this host starts new decisions on: the procedure's current
 * version. Decisions keep the version they started on to their end; a test overrides the token to
 * play a build from before an upgrade against the same database.
 */
export const NEW_DECISION_MACHINE = 'NEW_DECISION_MACHINE';

export const newDecisionMachineProvider = { provide: NEW_DECISION_MACHINE, useValue: CURRENT_MACHINE_VERSION };
