import type { FastifyInstance } from 'fastify';

export async function dealRoutesV2(_app: FastifyInstance) {}
