import { NoteError, openKeyLogEntry, parseCheckpoint, parseNote, parseVerifierKey, verifyKeyLog, type NoteVerifierKey } from '@app/audit';
import { ENV_DEFAULTS } from '@app/config';
import { keyLog, openSqlSession } from '@app/persistence';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyTree } from '../libs/archive/src/checkpoints/tree-verification';

// npm run verify -- --checkpoint <file> [--checkpoint <file> ...] [--key <vkey> ... | --keys <keys.txt>] [--database-url <url>] [--jurisdiction <code>]
const USAGE = `Usage: npm run verify -- --checkpoint <file> [--checkpoint <file> ...] [--key <vkey> ... | --keys <file of vkeys>]
       [--database-url <url> (default: DATABASE_URL)] [--jurisdiction <code> (default: from the checkpoint's origin)]
Verifies a jurisdiction's trail in the database against signed checkpoints held outside it (CHECKPOINT_DIR, the witness):
each signature with the public key given (keys.txt of a dossier, GET /api/audit/keys saved earlier), then the tree
recomputed from the database's events must give each checkpoint's root. Exit 0: consistent; 1: not, or cannot tell.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(1);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      checkpoint: { type: 'string', multiple: true },
      key: { type: 'string', multiple: true },
      keys: { type: 'string' },
      'database-url': { type: 'string' },
      jurisdiction: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.checkpoint?.length) fail('--checkpoint is required');
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (!url) fail('--database-url (or DATABASE_URL) is required');
  const notes = values.checkpoint.map((file) => readFileSync(file, 'utf8'));
  const origins = new Set(notes.map((n) => parseCheckpoint(parseNote(n).text).origin));
  if (origins.size !== 1) fail(`the checkpoints name ${origins.size} origins: give those of one tree`);
  const [origin] = origins;
  const prefix = `${process.env.CHECKPOINT_ORIGIN || ENV_DEFAULTS.CHECKPOINT_ORIGIN}/`;
  const jurisdiction = values.jurisdiction ?? (origin.startsWith(prefix) ? origin.slice(prefix.length) : fail(`origin ${origin} does not start with ${prefix}: give --jurisdiction`));

  const session = await openSqlSession(url);
  try {
    let keys: NoteVerifierKey[];
    const given = [...(values.key ?? []), ...(values.keys ? readFileSync(values.keys, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean) : [])];
    if (given.length) {
      keys = given.map((vkey) => parseVerifierKey(vkey));
    } else {
      // Without a key of one's own, the database's key log is all there is: it proves the notes were signed by the keys it names, no more.
      process.stderr.write('警告：未给出公钥（--key / --keys），使用被检数据库自己的密钥日志；能掌握数据库与密钥者可伪造。\n');
      const rows = await keyLog(session, jurisdiction);
      if (rows.length === 0) throw new NoteError(`数据库中没有辖区 ${jurisdiction} 的密钥日志`);
      keys = verifyKeyLog(rows.map((r) => r.note), openKeyLogEntry(rows[0].note).new).map((p) => p.key);
    }
    const report = await verifyTree(session, { jurisdiction, origin, checkpointNotes: notes, keys });
    for (const c of report.checkpoints) process.stdout.write(`检查点 ${c.treeSize}（${c.time}）：${c.matches ? '一致' : '不一致'}\n`);
    process.stdout.write(`已核对 ${report.checkedLeaves} 个叶子\n`);
    if (report.ok) {
      process.stdout.write(`核验通过：辖区 ${jurisdiction} 的审计记录与 ${notes.length} 个检查点一致\n`);
      return 0;
    }
    const b = report.firstBroken!;
    const where = b.decisionId ? `决策 ${b.decisionId} 第 ${b.seq} 条` : b.catalogueId ? `目录 ${b.catalogueId} 第 ${b.seq} 条` : b.unitId ? `单位 ${b.unitId} 第 ${b.seq} 条` : `叶子 ${b.leafIndex}`;
    process.stdout.write(`核验失败（${where}${b.checkpoint ? `，检查点 ${b.checkpoint.treeSize} ${b.checkpoint.time}` : ''}）：${b.reason}\n`);
    return 1;
  } finally {
    await session.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`核验失败：${err.message}\n`);
    process.exit(1);
  },
);
