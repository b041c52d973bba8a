import type { FastifyInstance } from 'fastify';

export async function searchRoutesV1(_app: FastifyInstance) {}
export async function searchRoutesV2(_app: FastifyInstance) {}
