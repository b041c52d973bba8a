import type { FastifyInstance } from 'fastify';

export async function inboxRoutesExt(_app: FastifyInstance) {}
