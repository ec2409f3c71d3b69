/**
 * Scripted mutation testing of libs/procedure: each mutant weakens one guard in
 * the source, the model-based and property tests run against it, and they must
 * fail (the mutant is "killed"). The unit tests of the rules are left out on
 * purpose: the point is that the tests with independent oracles catch a
 * weakened guard too. Every file is restored afterwards, also on failure or ^C.
 *
 *   npm run test:mutants            (all mutants)
 *   npm run test:mutants -- quorum  (the mutants whose name contains "quorum")
 *
 * Exit code 0 when every mutant was killed and the unmutated source passes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const SRC = 'libs/procedure/src';

interface Mutant {
  name: string;
  file: string;
  /** exact text that occurs once in the file */
  find: string;
  replace: string;
}

export const MUTANTS: Mutant[] = [
  {
    name: 'drop the draft-hash comparison (a lawful opinion counts for any draft)',
    file: `${SRC}/decision.guards.ts`,
    find: "  if (opinion.draftHash !== ctx.draft.hash) return [reason('DRAFT_CHANGED_SINCE_REVIEW')];\n",
    replace: '',
  },
  {
    name: 'drop head-last (the head may speak before other attendees)',
    file: `${SRC}/v2/guards.v2.ts`,
    find: '        if (silent.length) out.push(reason(\'HEAD_MUST_SPEAK_LAST\'',
    replace: '        if (false) out.push(reason(\'HEAD_MUST_SPEAK_LAST\'',
  },
  {
    name: 'drop quorum (a meeting of anyone present decides)',
    file: `${SRC}/decision.guards.ts`,
    find: '      return present >= p.membersTotal * ratio',
    replace: '      return true',
  },
  {
    name: 'drop ownership (any drafter of the jurisdiction steers any decision)',
    file: `${SRC}/event-roles.ts`,
    find: "  if (options.ownership !== false && actsOnlyAsDrafter(type, actor)) {",
    replace: '  if (false) {',
  },
  {
    name: 'drop the collective decision to stop (the head stops execution alone)',
    file: `${SRC}/v2/guards.v2.ts`,
    find: "      return decided ? [] : [reason('COLLECTIVE_DECISION_REQUIRED')];",
    replace: '      return [];',
  },
  {
    name: 'drop real participation (an opinion report with no method used)',
    file: `${SRC}/v2/guards.v2.ts`,
    find: "      if (!comment && pp.hearings.length === 0 && others.length === 0) out.push(reason('PARTICIPATION_NOT_HELD'));\n",
    replace: '',
  },
];

/** The tests that must kill every mutant: model-based and property tests only. */
const KILLERS = [`${SRC}/v2/decision-v2.property.spec.ts`, `${SRC}/v2/decision-v2.machine.model.spec.ts`];

function jest(): { ok: boolean; seconds: number; failed: string[] } {
  const started = Date.now();
  const run = spawnSync('npx', ['jest', '--selectProjects', 'unit', '--silent', ...KILLERS], { cwd: ROOT, encoding: 'utf8', timeout: 15 * 60_000 });
  const output = `${run.stdout}\n${run.stderr}`;
  const failed = [...new Set([...output.matchAll(/● (.+)/g)].map((m) => m[1].trim()).filter((t) => t.includes(' › ')))];
  return { ok: run.status === 0, seconds: Math.round((Date.now() - started) / 100) / 10, failed };
}

function main() {
  const only = process.argv[2];
  const mutants = MUTANTS.filter((m) => !only || m.name.includes(only));
  const originals = new Map<string, string>();
  const restore = () => originals.forEach((text, file) => writeFileSync(resolve(ROOT, file), text));
  process.on('SIGINT', () => {
    restore();
    process.exit(130);
  });
  const baseline = jest();
  process.stdout.write(`unmutated: ${baseline.ok ? 'pass' : `FAIL (${baseline.failed.join('; ')})`} in ${baseline.seconds} s\n`);
  let survivors = baseline.ok ? 0 : 1;
  for (const mutant of mutants) {
    const path = resolve(ROOT, mutant.file);
    const text = readFileSync(path, 'utf8');
    if (text.split(mutant.find).length !== 2) throw new Error(`mutant "${mutant.name}": the text to replace does not occur exactly once in ${mutant.file}`);
    originals.set(mutant.file, originals.get(mutant.file) ?? text);
    try {
      writeFileSync(path, text.replace(mutant.find, mutant.replace));
      const result = jest();
      if (result.ok) survivors++;
      const by = (kind: string) => result.failed.filter((t) => t.includes(kind)).length;
      const verdict = result.ok ? 'SURVIVED' : `killed (failing tests: ${by('property-based')} property, ${by('model-based')} model-based)`;
      process.stdout.write(`${mutant.name}: ${verdict} (${result.seconds} s)\n`);
    } finally {
      writeFileSync(path, text);
    }
  }
  restore();
  process.stdout.write(survivors ? `${survivors} mutant(s) survived (or the unmutated source fails)\n` : `all ${mutants.length} mutants killed\n`);
  process.exit(survivors ? 1 : 0);
}

if (require.main === module) main();
