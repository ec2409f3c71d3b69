import { execFileSync } from 'node:child_process';

/**
 * Canonical JSON of each value by an independent RFC 8785 implementation (the
 * `canonicalize` package, ESM only, so it runs in a child Node process): the
 * text, or null where it refuses the value.
 */
export function canonicalizeByOracle(values: unknown[]): (string | null)[] {
  const script = `
    import canonicalize from 'canonicalize';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const out = JSON.parse(input).map((v) => { try { return canonicalize(v) ?? null; } catch { return null; } });
    process.stdout.write(JSON.stringify(out));`;
  // JSON.stringify keeps every double exactly and escapes lone surrogates, so the child sees the same values.
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { input: JSON.stringify(values), cwd: process.cwd(), maxBuffer: 64 << 20 });
  return JSON.parse(stdout.toString('utf8')) as (string | null)[];
}
