import type { FastifyInstance } from 'fastify';

export async function duplicateRoutesExt(_app: FastifyInstance) {}
export async function mergeRoutesV1(_app: FastifyInstance) {}
