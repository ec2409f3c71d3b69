// Reads of materials' bytes kept in PostgreSQL, apart from the Nest repository so that export threads load only this file.
import type { SqlExecutor } from '../sql/sql-session';

const SLICE = 16 * 1024;
// an empty chunk still answers one (empty) row: no row at all means the chunk is missing
// base64 rather than bytea's hex output: a third less text to receive and decode (Node's decoder skips the line breaks)
const CHUNK_SLICES = `SELECT encode(substring(c.bytes FROM s FOR $3), 'base64') AS b64 FROM material_chunks c, generate_series(1, greatest(length(c.bytes), 1), $3) AS s
  WHERE c.material_id = $1 AND c.n = $2 ORDER BY s`;

/**
 * The bytes of a material stored in PostgreSQL, in order: one query a chunk (nothing held between them), each
 * chunk answered in rows of SLICE bytes. A 1 MiB chunk in one row is a 2 MiB hex text that node-pg assembles
 * in buffers doubled up to 4 MiB, then a 2 MiB string: some 10 MiB of garbage per MiB sent, which a 200 MiB
 * dossier turned into over 100 MiB of resident memory. Rows of 16 KiB (in base64) fit in one socket read.
 */
export async function* materialChunks(db: SqlExecutor, id: string, count: number): AsyncGenerator<Buffer> {
  for (let n = 0; n < count; n++) {
    const rows: { b64: string }[] = await db.query(CHUNK_SLICES, [id, n, SLICE]);
    if (!rows.length) throw new Error(`material ${id} lacks chunk ${n}`);
    for (const row of rows) yield Buffer.from(row.b64, 'base64');
  }
}
