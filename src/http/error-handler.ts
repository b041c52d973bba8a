import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorBody } from './envelope.ts';
import { AppError } from './errors.ts';

interface ValidationIssue {
  instancePath: string;
  message?: string;
}

function describeIssue(context: string | undefined, issue: ValidationIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const where = path || (context === 'body' ? 'body' : (context ?? 'request'));
  return `${where}: ${issue.message ?? 'invalid value'}`;
}

/** PostgreSQL errors that bad input can still cause (values out of range, bad text encodings…). */
const INPUT_SQLSTATES = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '54000']);

function sqlStateOf(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
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
      return reply.code(err.status).send(errorBody(message, err.code, err.status));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = (err as unknown as { validation: ValidationIssue[]; validationContext?: string })
        .validation;
      const context = (err as unknown as { validationContext?: string }).validationContext;
      const message = `Validation failed: ${issues.map((i) => describeIssue(context, i)).join('; ')}`;
      return reply.code(400).send(errorBody(message, 'validation_failed', 400));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    // Drizzle wraps driver errors: the SQLSTATE is on the error or on its cause.
    const sqlState = sqlStateOf(err);
    if (status === 500 && sqlState && INPUT_SQLSTATES.has(sqlState)) {
      req.log.warn({ err }, 'input rejected by the database');
      const detail = (err as { cause?: { message?: string } }).cause?.message ?? err.message;
      return reply.code(400).send(errorBody(`Validation failed: ${detail}`, 'validation_failed', 400));
    }
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(500).send(errorBody('Internal server error', 'internal', 500));
    }
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 404
            ? 'not_found'
            : 'bad_request';
    return reply.code(status).send(errorBody(err.message, code, status));
  });

  app.setNotFoundHandler((req, reply) => {
    if (webFallback?.(req, reply)) return;
    reply.code(404).send(errorBody(`Unknown route ${req.method} ${req.url.split('?')[0]}`, 'not_found', 404));
  });
}
