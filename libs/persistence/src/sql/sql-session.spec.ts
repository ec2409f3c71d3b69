import { createServer, type Socket } from 'node:net';
import { openSqlSession } from './sql-session';

describe('openSqlSession', () => {
  it('fails, never hangs, when the database accepts the connection and never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket)); // accepts, reads nothing, answers nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      await expect(openSqlSession(`postgres://nobody@127.0.0.1:${port}/nothing`, 300)).rejects.toThrow(/timeout/i);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
