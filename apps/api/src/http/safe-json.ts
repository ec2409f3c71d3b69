// Keys that would reach an object's prototype chain when a handler merges or assigns the body.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON body was refused for carrying a prototype-polluting key; mapped to 400 VALIDATION_FAILED. */
export class UnsafeJsonKeyError extends SyntaxError {
  override readonly name = 'UnsafeJsonKeyError';
}

/** JSON.parse reviver that refuses `__proto__`, `constructor` and `prototype` keys at any depth. */
export function rejectPrototypeKeys(key: string, value: unknown): unknown {
  if (PROTOTYPE_KEYS.has(key)) throw new UnsafeJsonKeyError(`JSON body must not contain the key "${key}"`);
  return value;
}
