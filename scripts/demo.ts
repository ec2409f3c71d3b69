import { resolveJwtSecret } from '@app/config';
import { parseArgs } from 'node:util';
import { DemoClient } from './demo/demo-client';
import { seedDecisions } from './demo/demo-decisions';
import { DEMO_PEOPLE, DEMO_UNITS } from './demo/demo-people';

// npm run demo [-- --url http://localhost:3000 --jurisdiction demo-county]: seeds a living jurisdiction through
// the REST API of a running server (units, people, this year's catalogue, decisions at every stage) and prints
// a console link for each person. Tokens are minted with the server's secret (JWT_SECRET or DATA_DIR/jwt-secret).
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, jurisdiction: { type: 'string', default: 'demo-county' } } });
  const url = (values.url ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const c = new DemoClient(url, resolveJwtSecret(process.env), values.jurisdiction);
  await c.call(null, 'GET', '/api/health').catch((e: Error) => {
    throw new Error(`no server answers at ${url} (${e.message}): start it with npm start, or pass --url`);
  });
  // the units registry, where the API has one (names shown instead of ids)
  for (const unit of DEMO_UNITS) await c.call(DEMO_PEOPLE.admin, 'PUT', `/api/jurisdictions/${c.jurisdiction}/units/${unit.id}`, { name: unit.name, kind: unit.kind }, [200, 201, 404]);
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const existing = await c.call(DEMO_PEOPLE.secretary, 'GET', `/api/catalogues/${year}`, undefined, [200, 404]);
  let catalogue = existing?.id ? existing : null;
  if (!catalogue) {
    catalogue = await c.call(DEMO_PEOPLE.secretary, 'POST', '/api/catalogues', {
      year,
      items: [
        { title: '高标准农田建设实施意见', category: 'PUBLIC_POLICY', undertakingUnit: 'agri-bureau', plannedQuarter: 2 },
        { title: '种粮大户补贴实施细则', category: 'PUBLIC_POLICY', undertakingUnit: 'agri-bureau', plannedQuarter: 3 },
        { title: '乡村振兴示范村建设实施方案', category: 'DEVELOPMENT_PLAN', undertakingUnit: 'agri-bureau', plannedQuarter: 1 },
      ],
    });
    await c.call(DEMO_PEOPLE.secretary, 'POST', `/api/catalogues/${year}/consent`, { consentedAt: new Date().toISOString(), reference: `县委办〔${year}〕5号` });
    await c.call(DEMO_PEOPLE.secretary, 'POST', `/api/catalogues/${year}/publish`, {});
    catalogue = await c.call(DEMO_PEOPLE.secretary, 'GET', `/api/catalogues/${year}`);
  }
  const ids = await seedDecisions(c, catalogue.items.map((i: { id: string }) => i.id));
  process.stdout.write(`Seeded ${Object.keys(ids).length} decisions in ${c.jurisdiction} (catalogue ${year}).\n\nConsole links (valid 8 hours):\n`);
  for (const person of Object.values(DEMO_PEOPLE)) {
    process.stdout.write(`  ${person.name}（${person.role}，${person.unit}）\n    ${url}/console/login#token=${c.token(person)}\n`);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
