// An HTTP proxy on loopback in front of a bridge that loses answers: the request reaches the bridge and is
// carried out, then the client's connection is closed before the answer — "the request went out and no
// answer came", the case the Idempotency-Key exists for.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export class LossyProxy {
  private server: http.Server | undefined;
  /** Answers still to lose, per "METHOD path" (e.g. "POST /v1/documents"). */
  readonly lose = new Map<string, number>();
  /** Answers lost so far. */
  lost = 0;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    this.server = http.createServer((request, response) => {
      const route = `${request.method ?? ''} ${new URL(request.url ?? '/', this.target).pathname}`;
      const upstream = http.request(
        new URL(request.url ?? '/', this.target),
        { method: request.method, headers: request.headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const left = this.lose.get(route) ?? 0;
            if (left > 0) {
              this.lose.set(route, left - 1);
              this.lost++;
              request.socket.destroy();
              return;
            }
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(Buffer.concat(chunks));
          });
        },
      );
      upstream.on('error', () => request.socket.destroy());
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
