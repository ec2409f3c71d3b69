import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import { useLoad } from '../shared/use-load';
import type { OidcConfig } from './oidc';

/** GET /api/console/config: whether the jurisdiction's identity provider is configured. */
export function useConsoleConfig() {
  return useLoad(async () => unwrap(await api.GET('/api/console/config')) as { oidc: OidcConfig | null }, []);
}
