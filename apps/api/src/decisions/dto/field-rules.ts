import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Length caps for every free-text field (the body limit is the outer bound). */
export const LIMITS = { short: 200, text: 5_000, long: 200_000, items: 200 } as const;

// PostgreSQL jsonb cannot hold U+0000 nor lone UTF-16 surrogates; refusing them here keeps a 5xx out of reach.
const NO_NUL = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

/** A required, non-empty string of at most `max` characters. */
export const Text = (max: number = LIMITS.text) =>
  applyDecorators(IsString(), IsNotEmpty(), MaxLength(max), Matches(NO_NUL, { message: '$property must be well-formed text (no NUL characters or lone surrogates)' }));

/** An optional string of at most `max` characters. */
export const OptionalText = (max: number = LIMITS.text) => applyDecorators(IsOptional(), Text(max));

/** A required list of non-empty strings. */
export const TextList = (max: number = LIMITS.short, items: number = LIMITS.items) =>
  applyDecorators(IsArray(), ArrayMaxSize(items), IsString({ each: true }), IsNotEmpty({ each: true }), MaxLength(max, { each: true }), Matches(NO_NUL, { each: true, message: 'each value in $property must be well-formed text' }));

/** An ISO-8601 instant with its offset, e.g. 2026-12-01T09:00:00+08:00. */
export const Instant = () =>
  applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, { message: '$property must be an ISO-8601 date-time with a time zone (e.g. 2026-12-01T09:00:00+08:00)' }),
  );
