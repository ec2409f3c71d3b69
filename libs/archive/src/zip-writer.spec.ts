import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipStream, type ZipEntry } from './zip-writer';

async function zipOf(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of zipStream(entries, new Date(Date.UTC(2026, 4, 17, 10, 30, 42)))) parts.push(b);
  return Buffer.concat(parts);
}

/** What Python's zipfile reads back: per entry name, size, sha256 (CRCs checked by testzip) and its date. */
function pythonReads(zip: Buffer): { bad: string | null; entries: [string, number, string, number[]][] } {
  const dir = mkdtempSync(join(tmpdir(), 'zip-spec-'));
  try {
    writeFileSync(join(dir, 'a.zip'), zip);
    const script = `import zipfile, json, hashlib, sys
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({'bad': z.testzip(), 'entries': [[i.filename, i.file_size, hashlib.sha256(z.read(i)).hexdigest(), list(i.date_time)] for i in z.infolist()]}, ensure_ascii=False))`;
    return JSON.parse(execFileSync('python3', ['-c', script, join(dir, 'a.zip')], { maxBuffer: 64 << 20 }).toString());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe(zipStream.name, () => {
  it('writes whole, piecewise, stored, deflated and empty entries that a standard reader extracts intact', async () => {
    const big = Buffer.alloc(300_000, 7);
    async function* pieces() {
      for (let i = 0; i < 50; i++) yield `第${i}行，`.repeat(100);
    }
    const expectedPieces = Array.from({ length: 50 }, (_, i) => `第${i}行，`.repeat(100)).join('');
    const zip = await zipOf([
      { path: 'manifest.json', content: '{"a":1}\n' },
      { path: 'materials/草案.bin', content: big, compress: false },
      { path: 'record.html', content: pieces },
      { path: 'stream.txt', content: pieces(), compress: false },
      { path: 'empty.txt', content: '' },
      { path: 'empty-stored.txt', content: new Uint8Array(0), compress: false },
    ]);
    expect(pythonReads(zip)).toEqual({
      bad: null,
      entries: [
        ['manifest.json', 8, sha('{"a":1}\n'), [2026, 5, 17, 10, 30, 42]],
        ['materials/草案.bin', big.length, sha(big), [2026, 5, 17, 10, 30, 42]],
        ['record.html', Buffer.byteLength(expectedPieces), sha(expectedPieces), [2026, 5, 17, 10, 30, 42]],
        ['stream.txt', Buffer.byteLength(expectedPieces), sha(expectedPieces), [2026, 5, 17, 10, 30, 42]],
        ['empty.txt', 0, sha(''), [2026, 5, 17, 10, 30, 42]],
        ['empty-stored.txt', 0, sha(''), [2026, 5, 17, 10, 30, 42]],
      ],
    });
  });

  it('writes ZIP64 end records past 65,535 entries', async () => {
    function* many() {
      for (let i = 0; i < 70_000; i++) yield { path: `events/${String(i).padStart(6, '0')}.json`, content: `{"seq":${i}}`, compress: false };
    }
    const read = pythonReads(await zipOf(many()));
    expect(read.bad).toBeNull();
    expect(read.entries).toHaveLength(70_000);
    expect(read.entries[69_999].slice(0, 3)).toEqual(['events/069999.json', 13, sha('{"seq":69999}')]);
  });

  it('fails (never ends the archive) when an entry source fails', async () => {
    async function* failing() {
      yield 'some';
      throw new Error('disk gone');
    }
    await expect(zipOf([{ path: 'a', content: failing() }])).rejects.toThrow('disk gone');
    await expect(zipOf([{ path: 'a', content: failing(), compress: false }])).rejects.toThrow('disk gone');
  });

  it('reads an entry only when the consumer pulls that far', async () => {
    let opened = 0;
    const lazy = (n: number): ZipEntry => ({ path: `m${n}`, content: () => (opened++, (async function* () { yield 'x'; })()) });
    const out = zipStream([lazy(1), lazy(2), lazy(3)]);
    await out.next(); // local header of m1
    expect(opened).toBe(0);
    await out.next(); // m1's data
    expect(opened).toBe(1);
    await out.return(undefined);
    expect(opened).toBe(1);
  });
});
