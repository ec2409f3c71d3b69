import type { components } from './schema';

type Schemas = components['schemas'];
/** Response shapes of the API, named as in its OpenAPI document. */
export type Decision = Schemas['Decision'];
export type DecisionSummary = Schemas['DecisionSummary'];
export type DecisionList = Schemas['DecisionList'];
export type TrailEvent = Schemas['TrailEvent'];
export type ReplayReport = Schemas['ReplayReport'];
export type VerifyReport = Schemas['VerifyReport'];
export type Checkpoint = Schemas['Checkpoint'];
export type Deadline = Schemas['Deadline'];
export type ErrorBody = Schemas['ErrorBody'];
export type Reason = Schemas['Reason'];
export type MachineState = Schemas['MachineState'];
export type MachineStructure = Schemas['MachineStructure'];
export type Catalogue = Schemas['Catalogue'];
export type DecisionComments = Schemas['DecisionComments'];
export type MaterialStored = Schemas['MaterialStored'];
export type EventType = Decision['allowedEvents'][number];
/** `blockedEvents` (another change adds it to GET /api/decisions/:id): absent until then. */
export type BlockedEvent = NonNullable<Decision['blockedEvents']>[number];
