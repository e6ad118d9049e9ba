import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call as the fake received it: the method and its JSON parameters. */
export type BotApiCall = { token: string; method: string; params: Record<string, unknown> };

type Failure = { code: 403 | 429 | 400 | 500; retryAfter?: number };

export type FakeBotApi = {
  /** For TORG_TELEGRAM_API_ROOT. */
  url: string;
  /** Every call so far, refused ones included. */
  calls: BotApiCall[];
  /** A file getFile finds and /file/bot<token>/<path> serves. */
  addFile(fileId: string, content: Uint8Array): void;
  /** The next `count` calls of `method` are refused like Telegram does. */
  failNext(method: string, failure: Failure, count?: number): void;
  close(): Promise<void>;
};

const descriptions: Record<Failure['code'], string> = {
  400: 'Bad Request: chat not found',
  403: 'Forbidden: bot was blocked by the user',
  429: 'Too Many Requests: retry after',
  500: 'Internal Server Error',
};

/**
 * A local stand-in for the Telegram Bot API, for tests (like the fake Resend): POST /bot<token>/<method>
 * with JSON is recorded and answered as Telegram does (`{ ok, result }` or `{ ok: false, error_code,
 * description, parameters }`); GET /file/bot<token>/<path> serves the files added. GET /calls lists what
 * was received, for a test in another process (the e2e app server).
 */
export async function startFakeBotApi(port = 0): Promise<FakeBotApi> {
  const calls: BotApiCall[] = [];
  const files = new Map<string, Uint8Array>();
  const failures: Record<string, Failure[]> = {};
  let messageId = 1000;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = request.url ?? '';
    if (request.method === 'GET' && url === '/calls') return reply(200, calls);
    const file = /^\/file\/bot[^/]+\/files\/(.+)$/.exec(url);
    if (request.method === 'GET' && file) {
      const content = files.get(decodeURIComponent(file[1]!));
      if (!content) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return response.end(content);
    }
    const method = /^\/bot([^/]+)\/(\w+)$/.exec(url);
    if (request.method !== 'POST' || !method)
      return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    const text = Buffer.concat(chunks).toString('utf8');
    const params = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    calls.push({ token: method[1]!, method: method[2]!, params });
    const failure = failures[method[2]!]?.shift();
    if (failure)
      return reply(failure.code, {
        ok: false,
        error_code: failure.code,
        description: descriptions[failure.code],
        ...(failure.retryAfter ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    switch (method[2]) {
      case 'sendMessage':
        return reply(200, {
          ok: true,
          result: {
            message_id: ++messageId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: params.chat_id, type: 'private' },
            text: params.text,
          },
        });
      case 'getFile': {
        const id = String(params.file_id);
        const content = files.get(id);
        if (!content)
          return reply(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        return reply(200, {
          ok: true,
          result: {
            file_id: id,
            file_unique_id: `u-${id}`,
            file_size: content.byteLength,
            file_path: `files/${id}`,
          },
        });
      }
      default:
        return reply(200, { ok: true, result: true });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    addFile: (fileId, content) => files.set(fileId, content),
    failNext: (method, failure, count = 1) => {
      failures[method] = [...(failures[method] ?? []), ...Array<Failure>(count).fill(failure)];
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
