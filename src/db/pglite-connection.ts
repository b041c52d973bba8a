/**
 * node-postgres over the embedded database: a `pg.Client` whose connection hands the wire protocol to an
 * in-process PGlite instead of a socket, so both databases run through one driver (node-postgres and
 * Drizzle's node-postgres session) and keep named statements parsed and planned on the connection.
 *
 * Why not PGlite's own `query`: it parses and plans every statement again and makes one call into
 * WebAssembly per protocol message (Parse, Describe, Bind, Describe, Execute, Sync). Why not PGlite's
 * node-postgres adapter (`@electric-sql/pglite/node-postgres`): it also hands over one message per call,
 * each awaited behind the previous one, and its serializer throws on the `types` object Drizzle passes.
 * This connection buffers the messages of an extended query until Sync (or Flush) and hands them to
 * PGlite in one call, as a socket would deliver them to a server; node-postgres's own serializer builds
 * them and its own parser reads the answer (PGlite's parser copies every field it reads: it cost more
 * than the query). Measured with `npm run bench:api` (PGlite, 50 connections, same run of the machine):
 * list 100 leads ≈ 100 → 320 req/s, get one deal ≈ 550 → 3,400, add one lead ≈ 400 → 1,200.
 */
import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';

type Serialize = typeof serialize;

/**
 * PGlite has one backend session. Every connection to an instance queues its exchanges on the
 * instance's one lane, so two connections' messages never interleave (pg-pool replaces a connection
 * after a failed query while the old one may still be ending).
 */
class Lane {
  #tail: Promise<unknown> = Promise.resolve();
  constructor(readonly pglite: PGlite) {}
  run<T>(work: () => Promise<T>): Promise<T> {
    const done = this.#tail.then(work);
    this.#tail = done.catch(() => {});
    return done;
  }
}

export class PgliteConnection extends EventEmitter {
  // The members node-postgres's Client reads or writes on its connection.
  _connecting = false;
  readonly stream = { destroy: () => this.end() };
  parsedStatements: Record<string, string> = {};
  submittedNamedStatements: Record<string, string> = {};

  readonly #lane: Lane;
  readonly #parser = new Parser();
  #pending: Buffer[] = [];
  #ended = false;

  constructor(lane: Lane) {
    super();
    this.#lane = lane;
  }

  connect(): void {
    this._connecting = true;
    const { pglite } = this.#lane;
    this.#lane
      .run(async () => {
        await pglite.waitReady;
        // A new connection starts a fresh session, as a socket would: the backend is the one the
        // previous connection used, and may still hold its open transaction and prepared statements
        // (pg-pool drops a client after any failed query; its statements would then be "already
        // exist" when parsed again).
        if (pglite.isInTransaction()) await exchange(pglite, serialize.query('ROLLBACK'));
        await exchange(pglite, serialize.query('DISCARD ALL'));
      })
      .then(
        () => this.emit('readyForQuery', { name: 'readyForQuery', status: 'I' }),
        (error: unknown) => this.emit('error', error),
      );
  }

  // Extended protocol: held until Sync or Flush.
  parse(query: Parameters<Serialize['parse']>[0]): void {
    this.#pending.push(serialize.parse(query));
  }
  bind(config: Parameters<Serialize['bind']>[0]): void {
    this.#pending.push(serialize.bind(config));
  }
  describe(msg: Parameters<Serialize['describe']>[0]): void {
    this.#pending.push(serialize.describe(msg));
  }
  execute(config: Parameters<Serialize['execute']>[0]): void {
    this.#pending.push(serialize.execute(config));
  }
  close(msg: Parameters<Serialize['close']>[0]): void {
    this.#pending.push(serialize.close(msg));
  }
  flush(): void {
    this.#send(serialize.flush());
  }
  sync(): void {
    this.#send(serialize.sync());
  }

  // Messages that stand alone.
  query(text: string): void {
    this.#send(serialize.query(text));
  }
  sendCopyFromChunk(chunk: Buffer): void {
    this.#send(serialize.copyData(chunk));
  }
  endCopyFrom(): void {
    this.#send(serialize.copyDone());
  }
  sendCopyFail(message: string): void {
    this.#send(serialize.copyFail(message));
  }

  // Nothing to negotiate in-process.
  requestSsl(): void {}
  startup(): void {}
  cancel(): void {}
  password(): void {}
  ref(): void {}
  unref(): void {}

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#pending = [];
    void this.#lane.run(async () => this.emit('end'));
  }

  #send(last: Buffer): void {
    if (this.#ended) return;
    this.#pending.push(last);
    const batch = this.#pending.length === 1 ? last : Buffer.concat(this.#pending);
    this.#pending = [];
    this.#lane
      .run(async () => {
        const answer = await exchange(this.#lane.pglite, batch);
        // node-postgres's own parser reads the answer, as it reads a socket; a server error is
        // emitted as 'errorMessage', as its socket connection does.
        for (const chunk of answer) {
          this.#parser.parse(chunk, (message) => {
            this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
          });
        }
      })
      .catch((error: unknown) => this.emit('error', error));
  }
}

/**
 * Hands one batch of frontend messages to PGlite and collects the backend's answer, unparsed. The raw
 * stream is used because PGlite's other entry points parse every answer with its own, slower parser
 * (`execProtocolRaw` even keeps what it parsed); it skips PGlite's handling of notices and LISTEN/NOTIFY,
 * which Pipewright does not use. Chunks are views of WebAssembly memory, hence copied.
 */
async function exchange(pglite: PGlite, batch: Buffer): Promise<Buffer[]> {
  const answer: Buffer[] = [];
  await pglite.execProtocolRawStream(batch, {
    onRawData: (chunk) => {
      answer.push(Buffer.from(chunk));
    },
  });
  return answer;
}

/**
 * A node-postgres pool of one connection to `pglite` (one backend serves one session at a time). Use
 * it for everything on that instance: PGlite's own `query` does not wait for this pool's lane.
 */
export function pglitePool(pglite: PGlite): pg.Pool {
  const lane = new Lane(pglite);
  class PgliteClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connection: new PgliteConnection(lane) } as pg.ClientConfig);
    }
  }
  // idleTimeoutMillis 0: the connection is never closed for being idle (its statements stay parsed).
  return new pg.Pool({ Client: PgliteClient, max: 1, idleTimeoutMillis: 0 });
}
