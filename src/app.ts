import os from 'node:os';
import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { registerAuth } from './http/auth.ts';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './http/error-handler.ts';
import { registerJsonBodies } from './http/json-body.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { validatorCompiler } from './http/validation.ts';
import { registerWebApp } from './http/web-app.ts';
import { activityRoutesV1, activityRoutesV2 } from './modules/activities/routes.ts';
import { boardRoutesExt } from './modules/board/routes.ts';
import { changelogRoutesExt, changelogRoutesV1 } from './modules/changelog/routes.ts';
import { chatbotPublicRoutes } from './modules/chatbots/public-routes.ts';
import { chatbotRoutesExt } from './modules/chatbots/routes.ts';
import { contactRoutesExt } from './modules/contacts/related-routes.ts';
import { contactRoutesV2 } from './modules/contacts/routes.ts';
import { conversionRoutesExt, conversionRoutesV2 } from './modules/conversion/routes.ts';
import { dealProductRoutesExt, dealProductRoutesV2 } from './modules/deal-products/routes.ts';
import { dealRoutesExt, dealRoutesV1, dealRoutesV2 } from './modules/deals/routes.ts';
import { documentPublicRoutes } from './modules/documents/public-routes.ts';
import { documentRoutesExt } from './modules/documents/routes.ts';
import { duplicatePairRoutesExt, duplicateRoutesExt, mergeRoutesV1 } from './modules/duplicates/routes.ts';
import { setFailureLog } from './modules/failure.ts';
import { fieldRoutesExt, fieldRoutesV1, fieldRoutesV2 } from './modules/fields/routes.ts';
import { fileRoutesV1 } from './modules/files/routes.ts';
import { localDiskStorage } from './modules/files/storage.ts';
import { DEFAULT_MAX_BYTES, type FilesConfig } from './modules/files/upload.ts';
import { followerRoutesV1, followerRoutesV2 } from './modules/followers/routes.ts';
import { inboxRoutesExt } from './modules/inbox/routes.ts';
import { invoiceRoutesExt } from './modules/invoices/routes.ts';
import { jobRoutesExt } from './modules/jobs/routes.ts';
import { leadRoutesV1, leadRoutesV2 } from './modules/leads/routes.ts';
import { noteRoutesV1 } from './modules/notes/routes.ts';
import { notificationRoutesExt } from './modules/notifications/routes.ts';
import { participantRoutesExt, participantRoutesV1 } from './modules/participants/routes.ts';
import { pipelineRoutesV2 } from './modules/pipelines/routes.ts';
import { productImageRoutesExt, productImageRoutesV2, productRoutesV2 } from './modules/products/routes.ts';
import { projectRoutesExt, projectRoutesV2 } from './modules/projects/routes.ts';
import { projectRoutesV1 } from './modules/projects/routes-v1.ts';
import { searchRoutesV1, searchRoutesV2 } from './modules/search/routes.ts';
import { userRoutesV1 } from './modules/users/routes.ts';
import { sessionRoutesExt } from './modules/users/session-routes.ts';
import { userSettingsRoutesExt } from './modules/users/settings-routes.ts';
import { webFormPublicRoutes } from './modules/web-forms/public-routes.ts';
import { webFormRoutesExt } from './modules/web-forms/routes.ts';

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /**
   * Proxies whose X-Forwarded-For/-Proto/-Host are believed (TRUST_PROXY): the client address that log-in
   * throttling counts, and the https that marks the session cookie Secure and turns HSTS on.
   */
  trustProxy?: Config['trustProxy'];
  /** where uploaded files go and their size limit; by default a folder in the system's temp dir */
  files?: FilesConfig;
}

/** Request bodies above this are refused with 413. */
export const BODY_LIMIT = 1024 * 1024;

const v1Routes = async (app: FastifyInstance) => {
  await app.register(userRoutesV1);
  await app.register(leadRoutesV1);
  await app.register(dealRoutesV1);
  await app.register(searchRoutesV1);
  await app.register(activityRoutesV1);
  await app.register(noteRoutesV1);
  await app.register(mergeRoutesV1);
  await app.register(changelogRoutesV1);
  await app.register(fieldRoutesV1);
  await app.register(fileRoutesV1);
  await app.register(participantRoutesV1);
  await app.register(followerRoutesV1);
  await app.register(projectRoutesV1);
};

const v2Routes = async (app: FastifyInstance) => {
  await app.register(contactRoutesV2);
  await app.register(pipelineRoutesV2);
  await app.register(dealRoutesV2);
  await app.register(leadRoutesV2);
  await app.register(searchRoutesV2);
  await app.register(activityRoutesV2);
  await app.register(conversionRoutesV2);
  await app.register(fieldRoutesV2);
  await app.register(productRoutesV2);
  await app.register(productImageRoutesV2);
  await app.register(dealProductRoutesV2);
  await app.register(followerRoutesV2);
  await app.register(projectRoutesV2);
};

const extRoutes = async (app: FastifyInstance) => {
  await app.register(sessionRoutesExt);
  await app.register(userSettingsRoutesExt);
  await app.register(conversionRoutesExt);
  await app.register(jobRoutesExt);
  await app.register(duplicateRoutesExt);
  await app.register(duplicatePairRoutesExt);
  await app.register(inboxRoutesExt);
  await app.register(contactRoutesExt);
  await app.register(boardRoutesExt);
  await app.register(fieldRoutesExt);
  await app.register(dealRoutesExt);
  await app.register(changelogRoutesExt);
  await app.register(dealProductRoutesExt);
  await app.register(productImageRoutesExt);
  await app.register(invoiceRoutesExt);
  await app.register(documentRoutesExt);
  await app.register(webFormRoutesExt);
  await app.register(chatbotRoutesExt);
  await app.register(notificationRoutesExt);
  await app.register(participantRoutesExt);
  await app.register(projectRoutesExt);
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.trustProxy ?? false,
    // basePath with a trailing slash makes the official client send `/v1//leads` (spec §1.2)
    routerOptions: { ignoreDuplicateSlashes: true, ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: false } },
    // errors met before a route (bad URL, long parameter) and Node's parser errors: Pipedrive's envelope
    frameworkErrors,
    clientErrorHandler,
  });
  // Stored failures (jobs, conversions) log their detail here under the error id the caller sees.
  setFailureLog((errorId, err) => app.log.error({ err, errorId }, 'operation failed'));
  app.decorate('db', opts.database.db);
  app.decorate(
    'files',
    opts.files ?? {
      storage: localDiskStorage(path.join(os.tmpdir(), 'pipewright-files')),
      maxBytes: DEFAULT_MAX_BYTES,
    },
  );
  app.setValidatorCompiler(validatorCompiler);
  // Responses are documented by their zod schemas but sent as they are: a response that strays from
  // its schema is a test failure, never a 500 for the caller.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  void serializerCompiler;

  // JSON bodies: strict UTF-8; an empty body with a JSON content type counts as no body.
  registerJsonBodies(app);
  await app.register(formbody);
  // multipart bodies are streamed by the upload route (req.parts()), never buffered
  await app.register(multipart);
  await app.register(cookie);
  await registerSecurityHeaders(app);

  registerErrorHandling(app, await registerWebApp(app));
  registerAuth(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Pipewright API',
        description:
          "Pipedrive-compatible REST API (v1 and v2) and Pipewright's own endpoints under /api/ext.",
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          apiToken: { type: 'apiKey', in: 'header', name: 'x-api-token' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ apiToken: [] }, { bearer: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      // v1 is served on both /v1 and /api/v1; the document lists /api/v1 only.
      if (input.url.startsWith('/v1/')) return { ...out, schema: { ...out.schema, hide: true } };
      return out;
    },
    transformObject: jsonSchemaTransformObject,
  });
  // The API reference is public: the plugin's routes (page and assets) are marked so as they are made.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), public: true };
    });
    // Tags start collapsed: with every operation expanded Swagger UI stops drawing partway (no error
    // shown) once the document holds ~200 operations.
    await docs.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none' } });
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await opts.database.ping();
    return { status: 'ok' };
  });

  await app.register(v1Routes, { prefix: '/api/v1' });
  await app.register(v1Routes, { prefix: '/v1' });
  await app.register(v2Routes, { prefix: '/api/v2' });
  await app.register(extRoutes, { prefix: '/api/ext' });
  // public LeadBooster pages: no login, rate limited, outside /api
  await app.register(webFormPublicRoutes);
  await app.register(chatbotPublicRoutes);
  // shared documents: no login, rate limited, outside /api
  await app.register(documentPublicRoutes);
  return app;
}
