import type { NamePart } from './name-match.ts';
import type { ReasonDetail } from './score.ts';

/**
 * The reasons' words live in one place: the web app's catalogues (web/src/i18n/messages/{en,sv}/leads.ts,
 * `leads.dups.why.<kind>`), which word a detail from its kind and parameters. The API sends only
 * those (finding D12: the English texts were kept twice).
 */

/** Every kind of reason detail, as the API names them. */
export const REASON_KINDS = [
  'name_same',
  'name_spacing',
  'name_typo',
  'name_sounds_alike',
  'name_initial',
  'name_part_missing',
  'name_legal_form',
  'email_same',
  'email_local_part',
  'email_domain',
  'phone_same',
  'organization_same',
  'address_same',
  'birthday_same',
  'birthday_different',
] as const satisfies readonly ReasonDetail['kind'][];

export const NAME_PARTS = ['given', 'middle', 'surname', 'name'] as const satisfies readonly NamePart[];
