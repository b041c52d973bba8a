import type { FastifyInstance } from 'fastify';

export async function conversionRoutesV2(_app: FastifyInstance) {}
export async function conversionRoutesExt(_app: FastifyInstance) {}
