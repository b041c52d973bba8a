import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../modules/errors.ts';
import { newErrorId } from '../modules/failure.ts';
import { errorBody } from './envelope.ts';
import { statusOf } from './error-status.ts';
import { storable } from './fields.ts';
import type { ValidationIssue } from './validation.ts';

/** A field path in a message: keys come from the caller, so long ones are cut and broken text replaced. */
const shortPath = (path: string) => {
  const short = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  return storable(short) ? short : Array.from(short, (c) => (storable(c) ? c : '\uFFFD')).join('');
};

function describeIssue(context: string | undefined, issue: ValidationIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const where = path ? shortPath(path) : context === 'body' ? 'body' : (context ?? 'request');
  return `${where}: ${issue.message ?? 'invalid value'}`;
}

/**
 * PostgreSQL errors that bad input can still cause (values out of range, bad text encodings, NUL in
 * text or jsonb — 22P05 —, a check constraint): the caller's fault, a 400.
 */
const INPUT_SQLSTATES = new Set([
  '22001',
  '22003',
  '22007',
  '22008',
  '22021',
  '22P02',
  '22P05',
  '23514',
  '54000',
]);

/**
 * A unique violation is a concurrent request that won (check, then insert); a foreign key violation
 * a record removed meanwhile; a serialization failure, a deadlock or a lock not available a clash
 * with concurrent writes: a 409, try again.
 */
const CONFLICT_SQLSTATES = new Set(['23505', '23503', '40001', '40P01', '55P03']);

/** Unique indexes whose violation has a better answer than "try again": the field and why. */
const UNIQUE_FIELDS: Record<string, { field: string; message: string }> = {
  users_email_uq: { field: 'email', message: 'A user with this email already exists' },
};

/** The database's error under Drizzle's wrapping: its SQLSTATE and constraint, if any. */
function databaseErrorOf(err: unknown): { code: string; constraint?: string } | undefined {
  for (
    let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return typeof e.constraint === 'string' ? { code: e.code, constraint: e.constraint } : { code: e.code };
    }
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Codes of the envelope for statuses that Fastify or Node give (framework errors). */
function codeOf(status: number): string {
  switch (status) {
    case 404:
      return 'not_found';
    case 408:
      return 'request_timeout';
    case 413:
      return 'payload_too_large';
    case 414:
      return 'uri_too_long';
    case 415:
      return 'unsupported_media_type';
    case 431:
      return 'request_header_fields_too_large';
    default:
      return status >= 500 ? 'internal' : 'bad_request';
  }
}

/**
 * Errors Fastify meets before a route is found (a path parameter longer than maxParamLength, a
 * URL that does not decode): Pipedrive's envelope, like every other answer. Passed to Fastify as
 * its `frameworkErrors` option.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : (err.statusCode ?? 400);
  const message =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path parameter is too long'
      : err.code === 'FST_ERR_BAD_URL'
        ? 'The URL is not valid (bad percent-encoding)'
        : (STATUS_CODES[status] ?? 'Bad request');
  reply.code(status).send(errorBody(message, codeOf(status), status));
}

/**
 * Errors of Node's HTTP parser, before Fastify sees a request (headers or URL too large, a request
 * that does not parse, a client too slow): answered on the socket in Pipedrive's envelope. Passed
 * to Fastify as its `clientErrorHandler` option.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers (or its URL) are too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive']
        : [400, 'The request could not be parsed'];
  const body = JSON.stringify(errorBody(message, codeOf(status), status));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** The one place where errors become HTTP responses in Pipedrive's error envelope. */
export function registerErrorHandling(
  app: FastifyInstance,
  /** answers non-API paths with the web app; false when the request is not its */
  webFallback: ((req: FastifyRequest, reply: FastifyReply) => boolean) | null = null,
): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      // A 4xx names the field it is about, even when the domain's message does not.
      const message =
        err.field && !err.message.includes(err.field) ? `${err.message} (${err.field})` : err.message;
      const status = statusOf(err);
      return reply.code(status).send(errorBody(message, err.code, status));
    }
    const validation = (err as { validation?: unknown }).validation;
    if (Array.isArray(validation) && validation.length > 0) {
      const context = (err as { validationContext?: string }).validationContext;
      const issues = validation as ValidationIssue[];
      const message = `Validation failed: ${issues.map((i) => describeIssue(context, i)).join('; ')}`;
      return reply.code(400).send(errorBody(message, 'validation_failed', 400));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    // Drizzle wraps driver errors: the SQLSTATE is on the error or on its cause. The database's
    // message (tables, constraints, values) goes to the log under an error id, never to the caller.
    const dbError = status === 500 ? databaseErrorOf(err) : undefined;
    const sqlState = dbError?.code;
    if (sqlState && (INPUT_SQLSTATES.has(sqlState) || CONFLICT_SQLSTATES.has(sqlState))) {
      const errorId = newErrorId();
      req.log.warn({ err, errorId, sqlState }, 'request refused by the database');
      const known =
        sqlState === '23505' && dbError.constraint ? UNIQUE_FIELDS[dbError.constraint] : undefined;
      const [httpStatus, code, message] = INPUT_SQLSTATES.has(sqlState)
        ? [400, 'validation_failed', 'Validation failed: a value cannot be stored as given']
        : known
          ? [409, 'conflict', `${known.message} (${known.field})`]
          : [409, 'conflict', 'Conflict: the request clashes with a change made at the same time; try again'];
      return reply
        .code(httpStatus)
        .send({ ...errorBody(`${message} (error id ${errorId})`, code, httpStatus), error_id: errorId });
    }
    if (status >= 500) {
      const errorId = newErrorId();
      req.log.error({ err, errorId }, 'request failed');
      return reply.code(500).send({
        ...errorBody(`Internal server error (error id ${errorId})`, 'internal', 500),
        error_id: errorId,
      });
    }
    return reply.code(status).send(errorBody(err.message, codeOf(status), status));
  });

  app.setNotFoundHandler((req, reply) => {
    if (webFallback?.(req, reply)) return;
    const path = shortPath(req.url.split('?')[0] ?? '');
    reply.code(404).send(errorBody(`Unknown route ${req.method} ${path}`, 'not_found', 404));
  });
}
