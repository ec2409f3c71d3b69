import createClient, { type Middleware } from 'openapi-fetch';
import { currentToken, expireSession } from '../auth/session';
import type { paths } from './schema';

const auth: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    request.headers.set('Accept-Language', 'zh-CN');
    return request;
  },
  onResponse({ response }) {
    // an expired or revoked token: back to the login page, whatever the page was doing
    if (response.status === 401 && currentToken()) expireSession();
    return response;
  },
};

/** The typed client of the API (types generated from its OpenAPI document) on the console's own origin: its only way to the server. */
// `fetch` looked up on every call (not bound once at start), so that component tests can stand in for the server
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: (request) => globalThis.fetch(request) });
api.use(auth);
