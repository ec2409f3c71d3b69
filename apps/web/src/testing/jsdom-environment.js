// jsdom without the fetch API: the console's client (openapi-fetch) builds Requests and reads Responses,
// so the test environment lends it Node's own (tests then replace `fetch` itself with a mock).
const { TestEnvironment } = require('jest-environment-jsdom');

class ConsoleEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    Object.assign(this.global, { fetch, Request, Response, Headers, FormData, Blob, TextEncoder, TextDecoder, structuredClone });
  }
}

module.exports = ConsoleEnvironment;
