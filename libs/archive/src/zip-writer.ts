import { Readable, pipeline } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** The bytes of a zip entry: whole (small files) or piece by piece (a trail, a material), read when the entry's turn comes. */
export type ZipContent = string | Uint8Array | AsyncIterable<Uint8Array | string> | (() => AsyncIterable<Uint8Array | string>);

export interface ZipEntry {
  path: string;
  content: ZipContent;
  /** DEFLATE (default) or STORE (already compressed material, big files read as they are). */
  compress?: boolean;
}

const U32 = 0xffffffff;
const U16 = 0xffff;
const FLAGS = 0x0808; // bit 3: sizes and CRC in a data descriptor after the data; bit 11: UTF-8 names

/** The date in MS-DOS form (local fields of the given instant, as zip tools read them). */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

const toBuffer = (c: Uint8Array | string) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));

/** Central directory records, packed into a few large blocks (a record per entry, 200,000 entries in a few MB). */
class Packed {
  private readonly blocks: Buffer[] = [];
  private block = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  size = 0;

  push(b: Buffer): void {
    if (this.used + b.length > this.block.length) {
      this.blocks.push(this.block.subarray(0, this.used));
      this.block = Buffer.allocUnsafe(Math.max(1 << 20, b.length));
      this.used = 0;
    }
    b.copy(this.block, this.used);
    this.used += b.length;
    this.size += b.length;
  }

  *drain(): Generator<Buffer> {
    yield* this.blocks;
    yield this.block.subarray(0, this.used);
  }
}

/**
 * A zip archive written as its entries come (STORE or DEFLATE, data descriptors, ZIP64 end records when
 * there are more than 65,535 entries or the archive passes 4 GiB): only the entry being written and the
 * central directory (some 70 bytes an entry) are in memory. Pull it with Readable.from: an entry's
 * content is read only as fast as the consumer takes the output. One entry may not exceed 4 GiB.
 */
export async function* zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, mtime = new Date(Date.UTC(1980, 0, 1))): AsyncGenerator<Buffer> {
  const { time, date } = dosDateTime(mtime);
  const central = new Packed();
  let offset = 0;
  let count = 0;
  for await (const entry of entries) {
    const name = Buffer.from(entry.path, 'utf8');
    const method = entry.compress === false ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    // CRC and sizes left 0: the data descriptor carries them
    local.writeUInt16LE(name.length, 26);
    const start = offset;
    yield Buffer.concat([local, name]);
    offset += local.length + name.length;

    let crc = 0;
    let size = 0;
    let written = 0;
    for await (const chunk of entryData(entry.content, method === 8, (b) => ((crc = crc32(b, crc)), (size += b.length)))) {
      written += chunk.length;
      yield chunk;
    }
    if (size > U32 || written > U32) throw new RangeError(`zip: entry ${entry.path} is larger than 4 GiB`);
    offset += written;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(written, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;
    offset += descriptor.length;

    const far = start > U32;
    const extra = far ? Buffer.alloc(12) : Buffer.alloc(0);
    if (far) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(start), 4);
    }
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(far ? 45 : 20, 4); // made by: MS-DOS attributes, spec version
    record.writeUInt16LE(far ? 45 : 20, 6);
    record.writeUInt16LE(FLAGS, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(crc >>> 0, 16);
    record.writeUInt32LE(written, 20);
    record.writeUInt32LE(size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt16LE(extra.length, 30);
    record.writeUInt32LE(far ? U32 : start, 42);
    central.push(Buffer.concat([record, name, extra]));
    count++;
  }
  const cdOffset = offset;
  yield* central.drain();
  const cdSize = central.size;
  const zip64 = count >= U16 || cdOffset >= U32 || cdSize >= U32;
  if (zip64) {
    const end64 = Buffer.alloc(56 + 20);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(45, 12);
    end64.writeUInt16LE(45, 14);
    end64.writeBigUInt64LE(BigInt(count), 24);
    end64.writeBigUInt64LE(BigInt(count), 32);
    end64.writeBigUInt64LE(BigInt(cdSize), 40);
    end64.writeBigUInt64LE(BigInt(cdOffset), 48);
    end64.writeUInt32LE(0x07064b50, 56); // locator
    end64.writeBigUInt64LE(BigInt(cdOffset + cdSize), 64);
    end64.writeUInt32LE(1, 72);
    yield end64;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, U16), 8);
  end.writeUInt16LE(Math.min(count, U16), 10);
  end.writeUInt32LE(Math.min(cdSize, U32), 12);
  end.writeUInt32LE(Math.min(cdOffset, U32), 16);
  yield end;
}

/**
 * A whole (small) entry deflated at once. The output buffer sized to the input (never more than the default 16 KiB):
 * the same bytes, but 200,000 event and proof files no longer leave 16 KiB of external memory each to the next full GC.
 */
const deflateSmall = (b: Buffer) => deflateRawSync(b, { chunkSize: Math.min(16 * 1024, Math.max(64, b.length + 64)) });

/** The stored bytes of one entry; `seen` gets every uncompressed chunk (CRC, size). */
async function* entryData(content: ZipContent, deflate: boolean, seen: (b: Buffer) => void): AsyncGenerator<Buffer> {
  if (typeof content === 'string' || content instanceof Uint8Array) {
    const b = toBuffer(content);
    seen(b);
    if (b.length) yield deflate ? deflateSmall(b) : b;
    else if (deflate) yield deflateSmall(b);
    return;
  }
  const source = typeof content === 'function' ? content() : content;
  async function* plain() {
    for await (const c of source) {
      const b = toBuffer(c);
      seen(b);
      yield b;
    }
  }
  if (!deflate) return yield* plain();
  const compressor = createDeflateRaw();
  // pipeline destroys the compressor with the source's error: the loop below throws it instead of waiting
  pipeline(Readable.from(plain()), compressor, () => undefined);
  for await (const c of compressor) yield c as Buffer;
}
