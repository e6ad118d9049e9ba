import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST /emails as the fake Resend API received it (the JSON the SDK sends, snake_case). */
export type ReceivedEmail = {
  headers: IncomingHttpHeaders;
  body: {
    from: string;
    to: string | string[];
    subject: string;
    html?: string;
    text?: string;
    attachments?: { filename: string; content: string; content_type?: string }[];
  };
};

export type FakeResend = {
  /** For RESEND_BASE_URL. */
  url: string;
  /** Every POST /emails so far, failed ones included. */
  received: ReceivedEmail[];
  /** The next `count` sends are refused: 422 with Resend's error body, or 500 with a non-JSON body. */
  failNext(count: number, kind?: 'validation' | 'server'): void;
  close(): Promise<void>;
};

/**
 * A local stand-in for the Resend API, for tests: POST /emails is recorded and answered `{ id }` like
 * Resend does, or refused when told to. GET /emails lists what was received, for a test in another
 * process (the e2e test's app server).
 */
export async function startFakeResend(port = 0): Promise<FakeResend> {
  const received: ReceivedEmail[] = [];
  const failures: ('validation' | 'server')[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (request.method === 'GET' && request.url === '/emails') return reply(200, received);
    if (request.method !== 'POST' || request.url !== '/emails')
      return reply(404, { statusCode: 404, name: 'not_found', message: 'Not found' });
    received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    const failure = failures.shift();
    if (failure === 'validation')
      return reply(422, {
        statusCode: 422,
        name: 'validation_error',
        message: 'The from address domain is not verified.',
      });
    if (failure === 'server') return reply(500, 'Internal Server Error');
    reply(200, { id: `fake-${received.length}` });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    failNext: (count, kind = 'validation') => failures.push(...Array<typeof kind>(count).fill(kind)),
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
