import type { FastifyInstance } from 'fastify';

export async function boardRoutesExt(_app: FastifyInstance) {}
