/** A field of a streamed JSON object: a value written at once, or an array whose items come in batches. */
export type JsonStreamField = { key: string; value: unknown } | { key: string; items: AsyncIterable<readonly unknown[]> };

/**
 * The text of a JSON object written as it goes, exactly as `JSON.stringify(object, null, space)`
 * would write it whole (fields whose value is undefined left out): array fields are read batch by
 * batch, one chunk a batch, so a 100,000-event trail is never held as one value or one string.
 */
export async function* jsonObjectChunks(fields: readonly JsonStreamField[], space = 0): AsyncGenerator<string> {
  const pad = (level: number) => (space ? '\n' + ' '.repeat(space * level) : '');
  const nested = (text: string, level: number) => (space ? text.replace(/\n/g, pad(level)) : text);
  const item = (v: unknown) => JSON.stringify(v, null, space) ?? 'null';
  let open = '{';
  let first = true;
  for (const field of fields) {
    if ('value' in field && field.value === undefined) continue;
    open += `${first ? '' : ','}${pad(1)}${JSON.stringify(field.key)}:${space ? ' ' : ''}`;
    first = false;
    if ('value' in field) {
      open += nested(JSON.stringify(field.value, null, space), 1);
      continue;
    }
    yield open + '[';
    let count = 0;
    for await (const batch of field.items) {
      if (!batch.length) continue;
      let text = '';
      for (const v of batch) text += `${count++ ? ',' : ''}${pad(2)}${nested(item(v), 2)}`;
      yield text;
    }
    open = count ? `${pad(1)}]` : ']';
  }
  yield `${open}${first ? '' : pad(0)}}`;
}
