import type { FastifyInstance } from 'fastify';

export async function contactRoutesV2(_app: FastifyInstance) {}
