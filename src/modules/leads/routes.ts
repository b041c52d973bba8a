import type { FastifyInstance } from 'fastify';

export async function leadRoutesV1(_app: FastifyInstance) {}
export async function leadRoutesV2(_app: FastifyInstance) {}
