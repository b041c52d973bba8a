/**
 * Servers in child processes, so that the load generator does not share their event loop: the parent
 * starts a script with startChild (its configuration as JSON in BENCH_CHILD_CONFIG, an IPC channel);
 * the script calls serveChild, which reads the configuration, runs the script's start-up, answers
 * `{type: 'ready', …}` over IPC, and closes everything on SIGTERM, Ctrl-C or the parent's exit.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/client.ts';
import { type Location, openLocation } from './database.ts';

const CONFIG_VARIABLE = 'BENCH_CHILD_CONFIG';

export interface ChildServer<R> {
  ready: Promise<R & { type: 'ready' }>;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts `script` (a file that calls serveChild) with `config`; `ready` is its ready message. */
export function startChild<R>(script: string, config: unknown): ChildServer<R> {
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [CONFIG_VARIABLE]: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<R & { type: 'ready' }>((resolve, reject) => {
    child.on('message', (m: R & { type: 'ready' }) => {
      if (m?.type === 'ready') resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (code ${code}) before it was ready`)));
  });
  return {
    ready,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** What a child script's start-up may hold open: closed in reverse order when it stops. */
export interface ChildScope {
  /**
   * opens the database and closes it at the end; `migrate` where this process seeds (servers that
   * start side by side on a migrated database leave it)
   */
  open(location: Location, opts?: { poolSize?: number; migrate?: boolean }): Promise<Database>;
  /** a Fastify app listening on 127.0.0.1 (port 0), closed at the end; answers its port */
  listen(app: FastifyInstance): Promise<number>;
  /** a node:http server likewise */
  listenHttp(server: http.Server): Promise<number>;
  /** anything else to close at the end */
  onStop(close: () => Promise<unknown>): void;
}

/** The child side: runs `start` with the parent's configuration and reports what it answers as ready. */
export function serveChild<C, R extends object>(
  name: string,
  start: (config: C, scope: ChildScope) => Promise<R>,
): void {
  const closers: (() => Promise<unknown>)[] = [];
  const scope: ChildScope = {
    async open(location, opts) {
      const database = await openLocation(location, opts?.poolSize);
      closers.push(() => database.close());
      if (opts?.migrate) await database.migrate();
      return database;
    },
    async listen(app) {
      closers.push(() => app.close());
      await app.listen({ host: '127.0.0.1', port: 0 });
      return (app.server.address() as AddressInfo).port;
    },
    async listenHttp(server) {
      closers.push(() => new Promise((resolve) => server.close(resolve).closeAllConnections()));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    },
    onStop(close) {
      closers.push(close);
    },
  };
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const close of closers.reverse()) await close().catch(() => {});
    process.exit(0);
  };
  const config = JSON.parse(process.env[CONFIG_VARIABLE] ?? '{}') as C;
  start(config, scope).then(
    (ready) => {
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      process.on('disconnect', stop);
      process.send?.({ type: 'ready', ...ready });
    },
    (err) => {
      console.error(`${name} failed:`, err);
      process.exit(1);
    },
  );
}
