import { createSecretKey } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { JwtService } from '@nestjs/jwt';
import { claimsFor, signActorToken, verifyActorToken } from '../../apps/api/src/auth/actor-token';
import { canonicalJson, hashEvent, type ChainedEvent } from '../../libs/audit/src';
import { peopleOf, trailActor } from './actors';
import { round } from './util';
import { revise } from './workload';

/** µs per call of `fn` over `n` calls, after a warm-up of n/5. */
function timeUs(n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < n / 5; i++) fn(i);
  const t = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return round(((performance.now() - t) * 1000) / n, 2);
}

/**
 * Micro-measurements behind the analysis: JWT verification with the HS256
 * secret passed to jsonwebtoken as a string (it first tries, and fails, to parse
 * it as a public key; what verifyActorToken did before commit 13cac0a) vs.
 * verifyActorToken now (a KeyObject made once); canonical JSON and hash of one
 * REVISE_DRAFT trail entry; canonical JSON of a state value.
 */
export function microBenchmarks(secret = 'micro-secret-0123456789abcdef') {
  const claims = claimsFor(peopleOf('county-micro').drafter);
  const token = signActorToken(claims, secret, '1h');
  const jwt = new JwtService();
  const key = createSecretKey(Buffer.from(secret));
  const verifyString = timeUs(2000, () => jwt.verify(token, { secret, algorithms: ['HS256'] }));
  const verifyKeyObject = timeUs(2000, () => jwt.verify(token, { secret: key as never, algorithms: ['HS256'] }));
  const verifyActor = timeUs(2000, () => verifyActorToken(token, secret));
  const stateValue = { drafting: { publicParticipation: 'pending', expertArgumentation: 'inProgress', riskAssessment: 'pending' } };
  const body = revise(7);
  const entry: ChainedEvent = {
    decisionId: '6f1c2d8e-4b7a-4c3e-9d2f-1a2b3c4d5e6f', seq: 1234, type: 'REVISE_DRAFT',
    payload: { text: body.text, changeSummary: body.changeSummary, contentHash: 'a'.repeat(64) },
    actor: trailActor(peopleOf('county-micro').drafter), occurredAt: '2026-11-24T07:00:00.000Z', stateBefore: stateValue, stateAfter: stateValue,
    machine: { id: 'major-decision', version: 1 }, profile: { id: 'national', version: 1 }, prevHash: 'b'.repeat(64),
  };
  return {
    jwtVerifyStringSecretUs: verifyString,
    jwtVerifyKeyObjectUs: verifyKeyObject,
    verifyActorTokenUs: verifyActor,
    canonicalJsonEntryUs: timeUs(20_000, () => canonicalJson(entry)),
    canonicalJsonStateValueUs: timeUs(20_000, () => canonicalJson(stateValue)),
    hashEventUs: timeUs(20_000, () => hashEvent(entry)),
  };
}

if (require.main === module) process.stdout.write(`${JSON.stringify(microBenchmarks(), null, 1)}\n`);
