import { writeFileSync } from 'node:fs';
import { createOpenApiDocument, renderSnapshots, SNAPSHOT_FILES } from '../apps/api/src/openapi/openapi-snapshot';

// npm run openapi:snapshot: writes the OpenAPI document the console is built against and its client types.
async function main(): Promise<void> {
  const files = renderSnapshots(await createOpenApiDocument());
  writeFileSync(SNAPSHOT_FILES.document, files.document);
  writeFileSync(SNAPSHOT_FILES.types, files.types);
  process.stdout.write(`wrote ${SNAPSHOT_FILES.document}\nwrote ${SNAPSHOT_FILES.types}\n`);
}

void main();
