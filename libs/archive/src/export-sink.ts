// The thread side of export-channel.ts: bytes gathered into buffers of CHUNK bytes, each sent (transferred) when full;
// a buffer is filled only when the host granted one (a new one, or one of ours given back once written).
import type { MessagePort } from 'node:worker_threads';
import type { ExportCredit, ExportMessage } from './export-channel';

const CHUNK = 64 * 1024;

export class ExportSink {
  /** new buffers the host lets us allocate */
  private allowance = 0;
  /** buffers the host gave back */
  private readonly free: ArrayBuffer[] = [];
  private waiting: (() => void) | undefined;
  private block: Uint8Array | undefined;
  private used = 0;
  private readonly onMessage = (msg: ExportCredit) => {
    if ('buffer' in msg) this.free.push(msg.buffer);
    else this.allowance += msg.credit;
    const wake = this.waiting;
    this.waiting = undefined;
    wake?.();
  };

  constructor(private readonly port: MessagePort) {
    port.on('message', this.onMessage);
  }

  /** What must fail before the first byte has been settled: the host may now start its answer. */
  ready(): void {
    this.post({ ready: true });
  }

  /** Every chunk of `source`, sent as the host grants buffers. */
  async pipe(source: AsyncIterable<Uint8Array | string>): Promise<void> {
    for await (const piece of source) await this.write(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
    if (this.block && this.used) this.send();
  }

  /** The last chunk sent: the host ends its answer; the port lets the thread exit. */
  end(): void {
    this.post({ end: true });
    this.port.off('message', this.onMessage);
  }

  fail(error: Error): void {
    this.post({ error: { message: error.message, code: (error as { code?: string }).code, name: error.name } });
    this.port.off('message', this.onMessage);
  }

  private async write(bytes: Uint8Array): Promise<void> {
    let at = 0;
    while (at < bytes.length) {
      const block = this.block ?? (this.block = await this.acquire());
      const n = Math.min(block.length - this.used, bytes.length - at);
      block.set(bytes.subarray(at, at + n), this.used);
      this.used += n;
      at += n;
      if (this.used === block.length) this.send();
    }
  }

  private async acquire(): Promise<Uint8Array> {
    while (!this.free.length && !this.allowance) await new Promise<void>((resolve) => (this.waiting = resolve));
    if (this.free.length) return new Uint8Array(this.free.pop()!);
    this.allowance--;
    return new Uint8Array(CHUNK);
  }

  private send(): void {
    const buffer = this.block!.buffer as ArrayBuffer;
    this.post({ chunk: buffer, length: this.used }, [buffer]);
    this.block = undefined;
    this.used = 0;
  }

  private post(msg: ExportMessage, transfer?: ArrayBuffer[]): void {
    this.port.postMessage(msg, transfer);
  }
}
