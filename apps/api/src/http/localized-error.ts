import { DomainError } from '@app/common';
import { render, type Message, type MessageKey, type MessageParams } from './http-messages';
import { DEFAULT_LOCALE, type Locale } from './locale';

const SEPARATOR: Record<Locale, string> = { 'zh-CN': '；', en: '; ' };

/**
 * A DomainError raised at the HTTP edge whose text comes from the message catalogue, so that the
 * exception filter can answer in the caller's language. `message` holds the Chinese text.
 */
export class LocalizedError extends DomainError {
  constructor(
    code: string,
    readonly messages: Message[],
    details?: Record<string, unknown>,
  ) {
    super(code, messages.map((m) => render(DEFAULT_LOCALE, m)).join(SEPARATOR[DEFAULT_LOCALE]), undefined, details);
  }

  /** The text of every message in `locale`, joined. */
  messageIn(locale: Locale): string {
    return this.messages.map((m) => render(locale, m)).join(SEPARATOR[locale]);
  }
}

/** A LocalizedError of one message. */
export const localizedError = (code: string, key: MessageKey, params?: MessageParams, details?: Record<string, unknown>) =>
  new LocalizedError(code, [{ key, params }], details);

/** 400 VALIDATION_FAILED of one message, naming `field` in details.fields. */
export const invalidField = (field: string, key: MessageKey, params?: MessageParams) =>
  localizedError('VALIDATION_FAILED', key, { field, ...params }, { fields: [field] });
