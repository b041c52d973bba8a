/**
 * The real server (src/main.ts, as a user starts it) in a child process, configured by environment
 * variables only: DATA_DIR (embedded database) or DATABASE_URL, the ADMIN_* variables that create the
 * first company on an empty database, and a free port. For tests and benchmarks that must stop it as
 * a crash would (kill -9) and start it again on the same data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  base: string;
  /** the API token requests are made with */
  token: string;
  pid: number;
  /** the server's output so far (for a failure's message) */
  output(): string;
  /** kill -9: no clean-up of any kind */
  crash(): Promise<void>;
  /** SIGTERM, as a user stops it */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server and answers once /healthz answers 200 (within `timeoutMs`). With `admin`, the
 * server creates the first company and its admin on an empty database (ADMIN_*); `token` is the API
 * token requests are made with (the admin's, or one of a company made beforehand).
 */
export async function startServerProcess(opts: {
  dataDir: string;
  token: string;
  admin?: { email: string; password: string };
  databaseUrl?: string | undefined;
  timeoutMs?: number;
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  for (const name of ['DATABASE_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'ADMIN_API_TOKEN', 'ADMIN_NAME'])
    delete env[name];
  if (opts.admin)
    Object.assign(env, {
      ADMIN_EMAIL: opts.admin.email,
      ADMIN_PASSWORD: opts.admin.password,
      ADMIN_API_TOKEN: opts.token,
    });
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return {
    base,
    token: opts.token,
    pid: child.pid as number,
    output: () => out,
    crash: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** A JSON request to the server with its API token. */
export async function call<T = any>(
  server: Pick<ServerProcess, 'base' | 'token'>,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.base}${url}`, {
    method,
    headers: {
      'x-api-token': server.token,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed as T };
}
