import type { FastifyInstance } from 'fastify';

export async function changelogRoutesV1(_app: FastifyInstance) {}
