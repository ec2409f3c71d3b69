// Diagnostic preload for the server (node -r): pg pools keep idle connections instead of closing them after
// pg-pool's default 10 s (idleTimeoutMillis: 0). Used by `npm run bench` to measure what that default costs;
// the app itself would set it in buildDataSourceOptions (`extra: { idleTimeoutMillis: 0 }`).
'use strict';
const pg = require('pg');
const Pool = pg.Pool;
pg.Pool = class KeepIdlePool extends Pool {
  constructor(options) {
    super({ ...options, idleTimeoutMillis: 0 });
  }
};
