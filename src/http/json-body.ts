import type { FastifyInstance } from 'fastify';
import { AppError } from '../modules/errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * JSON bodies: strict UTF-8 (a body that does not decode is a 400, not text with U+FFFD in it), and
 * an empty body with a JSON content type counts as no body.
 */
export function registerJsonBodies(app: FastifyInstance): void {
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length === 0) return done(null, undefined);
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return done(new AppError('bad_request', 'The body is not valid UTF-8'), undefined);
    }
    return jsonParser(req, text, done);
  });
}
