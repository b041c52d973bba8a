import type { FastifyInstance } from 'fastify';

export async function searchRoutesV2(_app: FastifyInstance) {}
