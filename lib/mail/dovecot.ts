import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

/** A real IMAP server for tests: Debian's Dovecot on a free local port, one throwaway user and maildir. */
export type TestDovecot = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Delivers a letter into a folder (IMAP APPEND), as a mail server would; returns its UID. */
  append(raw: string | Uint8Array, mailbox?: string): Promise<{ uid: number; uidValidity: number }>;
  /** Deletes the folder and makes it again: a new UIDVALIDITY, the letters renumbered from 1. */
  recreate(mailbox: string, letters: (string | Uint8Array)[]): Promise<void>;
  stop(): Promise<void>;
};

const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listening(port: number, within: number): Promise<void> {
  const until = Date.now() + within;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`Dovecot did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts Dovecot in the foreground with its own configuration in a temporary directory: IMAP only, on
 * 127.0.0.1 and a free port, plain-text login (no TLS: it never leaves the machine), one user whose
 * mail is a maildir there. Needs root (Dovecot runs the mail process as `nobody`), like CI has.
 */
export async function startDovecot(): Promise<TestDovecot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'torg-dovecot-'));
  const port = await freePort();
  const user = 'torg';
  const password = 'torg-test-password';
  await writeFile(
    path.join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${dir}/mail/%u
}
`,
  );
  const mail = path.join(dir, 'mail');
  await mkdir(mail);
  // The mail process runs as nobody: it must reach its maildir through the (0700) temporary directory.
  await chmod(dir, 0o755);
  await chown(mail, 65534, 65534);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await listening(port, 10_000);

  const client = async <T>(work: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
    });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    append: (raw, mailbox = 'INBOX') =>
      client(async (c) => {
        const result = await c.append(mailbox, Buffer.from(raw));
        // imapflow answers false when the server refused the letter.
        if (result === false || !result.uid) throw new Error('APPEND gave no UID');
        return { uid: result.uid, uidValidity: Number(result.uidValidity) };
      }),
    recreate: (mailbox, letters) =>
      client(async (c) => {
        await c.mailboxDelete(mailbox).catch(() => {});
        await c.mailboxCreate(mailbox);
        for (const raw of letters) await c.append(mailbox, Buffer.from(raw));
      }),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
