import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import fc from 'fast-check';
import { EVENT_DTOS } from '../apps/api/src/decisions/dto/event.dtos';
import { MAX_JSON_DEPTH } from '../apps/api/src/http/safe-json';
import { bearer, createTestApp, TestApp } from './utils';
import { DecisionFlow, lawful, people } from './utils/decision-flow';
import { arbitraryOf, JsonSchema, wrongTypeFor } from './utils/json-schema-arbitrary';

// Bodies of every event type, generated from its JSON schema (class-validator-jsonschema, as the
// OpenAPI document), then mutated; each is POSTed to a real app. Whatever the body, the answer is
// never a 5xx; a body broken on purpose is a 400 VALIDATION_FAILED naming the field, in Chinese.

const RUNS = Number(process.env.PROPERTY_RUNS ?? 3_000);
// class-transformer's @Type records, so that nested lists get the schema of their items (the package has no typed entry for it).
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };
const definitions = validationMetadatasToSchemas({
  classValidatorMetadataStorage: getMetadataStorage(),
  classTransformerMetadataStorage: defaultMetadataStorage,
  refPointerPrefix: '#/definitions/',
}) as Record<string, JsonSchema>;
const schemaOf = (type: string) => definitions[EVENT_DTOS[type as keyof typeof EVENT_DTOS]!.name] ?? { type: 'object', properties: {} };
const TYPES = Object.keys(EVENT_DTOS);

/** A body to send, and what must be said of it beyond "no 5xx": the field it breaks, or a refusal without a field. */
interface Case {
  body: unknown;
  breaks?: string;
  refused?: boolean;
  mutation: string;
}

const deep = (levels: number): unknown => (levels === 0 ? 'x' : [deep(levels - 1)]);

function casesOf(type: string): fc.Arbitrary<Case> {
  const schema = schemaOf(type);
  const properties = schema.properties ?? {};
  const fields = Object.keys(properties);
  const valid = arbitraryOf(schema, definitions).map((fields) => ({ type, ...(fields as object) }) as Record<string, unknown>);
  const field = fields.length ? fc.constantFrom(...fields) : fc.constant(undefined);
  const broken = (mutation: string, change: (body: Record<string, unknown>, f: string) => fc.Arbitrary<Case> | Case | undefined) =>
    fc.tuple(valid, field).chain(([body, f]) => {
      const c = f === undefined ? undefined : change({ ...body }, f);
      if (c === undefined) return fc.constant<Case>({ body, mutation: 'as generated' });
      return c instanceof fc.Arbitrary ? c : fc.constant(c);
    });
  const withValue = (body: Record<string, unknown>, f: string, value: unknown, mutation: string): Case => ({ body: { ...body, [f]: value }, breaks: f, mutation });

  return fc.oneof(
    { weight: 4, arbitrary: valid.map((body) => ({ body, mutation: 'as generated' })) },
    { weight: 2, arbitrary: broken('missing', (body, f) => (schema.required?.includes(f) ? (delete body[f], { body, breaks: f, mutation: `without ${f}` }) : undefined)) },
    { weight: 2, arbitrary: broken('null', (body, f) => withValue(body, f, null, `${f}: null`)) },
    {
      weight: 3,
      arbitrary: broken('wrong type', (body, f) =>
        wrongTypeFor(properties[f]).filter((v) => typeof v !== 'symbol').map((v) => withValue(body, f, v, `${f}: ${JSON.stringify(v)}`)),
      ),
    },
    {
      weight: 1,
      arbitrary: broken('too long', (body, f) => {
        const { type: t, maxLength, maxItems } = properties[f];
        if (t === 'string' && maxLength) return withValue(body, f, '长'.repeat(maxLength + 1), `${f} over ${maxLength} characters`);
        if (t === 'array' && maxItems) return withValue(body, f, Array.from({ length: maxItems + 1 }, () => 'x'), `${f} over ${maxItems} items`);
        return undefined;
      }),
    },
    { weight: 2, arbitrary: fc.tuple(valid, fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in properties) && k !== 'type' && !['__proto__', 'constructor', 'prototype'].includes(k)), fc.jsonValue({ maxDepth: 2 })).map(([body, k, v]) => ({ body: { ...body, [k]: v }, breaks: k, mutation: `unknown field ${k}` })) },
    { weight: 1, arbitrary: valid.map((body) => ({ body: { ...body, [fields[0] ?? 'x']: deep(MAX_JSON_DEPTH + 5) }, refused: true, mutation: 'nested too deep' })) },
    { weight: 1, arbitrary: valid.map((body) => ({ body: { ...body, type: `${type.toLowerCase()}_` }, breaks: 'type', mutation: 'unknown type' })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((body) => ({ body, mutation: 'any JSON' })) },
  );
}

describe('event bodies generated from their JSON schemas, then mutated', () => {
  let t: TestApp;
  const who = people('county-prop');
  const actors = Object.values(who);
  let decisions: string[];
  const tally = { cases: 0, statuses: new Map<number, number>() };

  beforeAll(async () => {
    t = await createTestApp();
    const flow = new DecisionFlow(t, who);
    const proposed = await flow.create({ title: '属性测试：立项' });
    const drafting = await flow.create({ title: '属性测试：起草' });
    await flow.ok(drafting, who.secretary, lawful.accept);
    await flow.ok(drafting, who.drafter, lawful.draft());
    const reviewed = await flow.create({ title: '属性测试：已审查' });
    await flow.toReviewed(reviewed);
    // A decision nobody can see: the body is still validated first.
    decisions = [proposed, drafting, reviewed, '3f2b8c1e-9a4d-4c55-8d1e-2b7a9c0d1e2f'];
  }, 60_000);
  afterAll(async () => {
    await t.close();
    process.stdout.write(`property: ${tally.cases} cases, statuses ${JSON.stringify(Object.fromEntries(tally.statuses))}\n`);
  });

  it(`answers no 5xx, and 400 naming the broken field, over ${RUNS} cases`, async () => {
    const caseArb = fc.constantFrom(...TYPES).chain((type) => casesOf(type).map((c) => ({ ...c, type })));
    await fc.assert(
      fc.asyncProperty(caseArb, fc.constantFrom(...decisions), fc.constantFrom(...actors), async (c, decision, actor) => {
        const res = await t.http.post(`/api/decisions/${decision}/events`).set('Authorization', bearer(actor)).set('Content-Type', 'application/json').send(JSON.stringify(c.body));
        tally.cases++;
        tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
        const said = `${c.type} ${c.mutation}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        expect({ said, serverError: res.status >= 500 }).toEqual({ said, serverError: false });
        if (c.breaks === undefined && !c.refused) return;
        expect({ said, status: res.status, code: res.body.code }).toEqual({ said, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
        if (c.breaks === undefined) return;
        // A key that reaches the prototype chain is refused while the body is parsed, whatever else is wrong with it.
        const prototypeKey = /"(__proto__|constructor|prototype)":/.exec(JSON.stringify(c.body))?.[1];
        if (prototypeKey) return expect({ said, names: res.body.message.includes(prototypeKey) }).toEqual({ said, names: true });
        const fields: string[] = res.body.details.fields;
        expect({ said, named: fields.some((f) => f === c.breaks || f.startsWith(`${c.breaks}.`)) }).toEqual({ said, named: true });
        if (fields.length <= 10) expect(res.body.message).toContain(c.breaks);
      }),
      // A fixed seed keeps CI repeatable; FC_SEED explores others.
      { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? 20_261_130) },
    );
  }, 600_000);
});
