import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { Decision } from '../api/types';
import { fieldsForMachine } from './machine-payload';

/** Sends one event to a decision at the version the person saw (If-Match: a concurrent change answers 409, never overwritten). */
export async function sendEvent(decision: Pick<Decision, 'id' | 'version' | 'machine'>, type: string, fields: Record<string, unknown>): Promise<Decision> {
  const result = await api.POST('/api/decisions/{id}/events', {
    params: { path: { id: decision.id }, header: { 'If-Match': `"${decision.version}"` } },
    body: { type, ...fieldsForMachine(decision.machine.version, fields) } as never,
  });
  return unwrap(result).decision;
}
