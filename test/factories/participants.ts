import { AddParticipantBody } from '../../src/modules/participants/schema.ts';
import { addParticipant, type ParticipantView } from '../../src/modules/participants/service.ts';
import type { Maker } from './tenant.ts';

/** A person added to a deal by `addParticipant`, as POST /v1/deals/{id}/participants does. */
export async function makeParticipant(t: Maker, dealId: number, personId: number): Promise<ParticipantView> {
  return addParticipant(t.ctx, dealId, AddParticipantBody.parse({ person_id: personId }).person_id);
}
