import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** An IP address, a CIDR range, or one of proxy-addr's names for ranges. */
function isProxyAddress(a: string): boolean {
  if (a === 'loopback' || a === 'linklocal' || a === 'uniquelocal') return true;
  const [ip, bits, ...rest] = a.split('/');
  const family = isIP(ip ?? '');
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  ADMIN_API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ADMIN_NAME: z.string().min(1).optional(),
  COMPANY_NAME: z.string().min(1).optional(),
  LOG_LEVEL: LogLevel.default('info'),
  /** the largest file upload, in bytes (413 above it) */
  FILES_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(100 * 1024 * 1024),
  /** set: files live in this S3-compatible bucket instead of DATA_DIR/files */
  FILES_S3_BUCKET: z.string().min(1).optional(),
  FILES_S3_ENDPOINT: z.string().url().optional(),
  FILES_S3_REGION: z.string().min(1).optional(),
  FILES_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  FILES_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  FILES_S3_PREFIX: z.string().optional(),
  FILES_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('')
    .transform((v, ctx): TrustProxy => {
      if (v === '' || v === 'false') return false;
      if (v === 'true') return true;
      const list = v.split(',').map((a) => a.trim());
      if (!list.every(isProxyAddress)) {
        ctx.addIssue({
          code: 'custom',
          message:
            'expected false, true, or a comma-separated list of proxy addresses (CIDR allowed) or loopback',
        });
        return z.NEVER;
      }
      return list;
    }),
});

/**
 * Which proxies to believe about the client (Fastify's trustProxy): false (none), the proxies' addresses
 * or CIDRs (`loopback`, `linklocal`, `uniquelocal` name ranges), or true (any peer: the leftmost
 * X-Forwarded-For address is taken, which a client can forge unless the proxy overwrites the header).
 */
export type TrustProxy = boolean | string[];

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  admin:
    | { email: string; password: string; apiToken?: string; name?: string; companyName?: string }
    | undefined;
  logLevel: z.infer<typeof LogLevel>;
  /** X-Forwarded-For/-Proto/-Host are read only from these proxies (TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** uploads: the size limit, and S3 when FILES_S3_BUCKET is set (else DATA_DIR/files) */
  files: {
    maxBytes: number;
    s3:
      | {
          bucket: string;
          endpoint: string | undefined;
          region: string | undefined;
          accessKeyId: string | undefined;
          secretAccessKey: string | undefined;
          prefix: string | undefined;
          forcePathStyle: boolean | undefined;
        }
      | undefined;
  };
}

/** Reads the configuration from environment variables; the only place that does. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) || (!e.ADMIN_EMAIL && e.ADMIN_PASSWORD)) {
    throw new Error('Invalid configuration: ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    admin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? {
            email: e.ADMIN_EMAIL,
            password: e.ADMIN_PASSWORD,
            apiToken: e.ADMIN_API_TOKEN,
            name: e.ADMIN_NAME,
            companyName: e.COMPANY_NAME,
          }
        : undefined,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    files: {
      maxBytes: e.FILES_MAX_BYTES,
      s3: e.FILES_S3_BUCKET
        ? {
            bucket: e.FILES_S3_BUCKET,
            endpoint: e.FILES_S3_ENDPOINT,
            region: e.FILES_S3_REGION,
            accessKeyId: e.FILES_S3_ACCESS_KEY_ID,
            secretAccessKey: e.FILES_S3_SECRET_ACCESS_KEY,
            prefix: e.FILES_S3_PREFIX,
            forcePathStyle:
              e.FILES_S3_FORCE_PATH_STYLE === undefined ? undefined : e.FILES_S3_FORCE_PATH_STYLE === 'true',
          }
        : undefined,
    },
  };
}
