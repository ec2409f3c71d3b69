import type { EventType } from '@app/procedure';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { invalidField } from '../http/localized-error';
import { validationFailed } from '../http/validation.pipe';
import { EVENT_DTOS } from './dto/event.dtos';

/**
 * Turn the body of POST /decisions/:id/events (`{type, ...fields}`) into a
 * validated payload: the event type must be one a client may send, and the
 * fields must satisfy that event's DTO exactly (unknown fields refused).
 */
export function parseEventBody(body: unknown): { type: EventType; payload: Record<string, unknown> } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidField('body', 'BODY_NOT_OBJECT');
  }
  const { type, ...fields } = body as Record<string, unknown>;
  const dto = typeof type === 'string' && Object.hasOwn(EVENT_DTOS, type) ? EVENT_DTOS[type as EventType] : undefined;
  if (!dto) {
    throw invalidField('type', 'EVENT_TYPE_UNKNOWN', { types: Object.keys(EVENT_DTOS).join(', ') });
  }
  const instance = plainToInstance(dto, fields);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
  if (errors.length) throw validationFailed(errors);
  // Plain JSON again: the payload is recorded and hashed exactly as validated.
  return { type: type as EventType, payload: JSON.parse(JSON.stringify(instance)) };
}

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → undefined; anything else is a 400. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw invalidField('If-Match', 'IF_MATCH_INVALID');
  return Number(match[1]);
}

/** Idempotency-Key: 1-200 visible ASCII characters. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) throw invalidField('Idempotency-Key', 'IDEMPOTENCY_KEY_INVALID');
  return header;
}
