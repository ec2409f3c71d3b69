import { ActorClaimsInput, claimsFor, signActorToken } from '../../apps/api/src/auth/actor-token';
import { TEST_JWT_SECRET } from '../jest/test-services';

/** A valid token for the test app: `tokenFor({ roles: ['drafter'], unit: 'agri-bureau', jurisdiction: 'county-a' })`. */
export function tokenFor(claims: ActorClaimsInput, expiresIn: string | number = '1h'): string {
  return signActorToken(claimsFor(claims), process.env.JWT_SECRET ?? TEST_JWT_SECRET, expiresIn);
}

/** The Authorization header value for `claims`. */
export const bearer = (claims: ActorClaimsInput) => `Bearer ${tokenFor(claims)}`;
