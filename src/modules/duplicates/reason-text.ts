import type { NamePart } from './name-match.ts';
import type { ReasonDetail } from './score.ts';

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

const PART: Record<NamePart, string> = {
  given: 'given name',
  middle: 'middle name',
  surname: 'surname',
  name: 'name',
};

/** A reason in plain English, for API clients (the web app words it from `kind` and parameters). */
export function reasonText(d: ReasonDetail): string {
  switch (d.kind) {
    case 'name_same':
      return 'same name';
    case 'name_spacing':
      return 'same name, spaced differently';
    case 'name_typo':
      return `${PART[d.part]} ${d.letters} ${d.letters === 1 ? 'letter' : 'letters'} apart`;
    case 'name_sounds_alike':
      return `${PART[d.part]} sounds alike`;
    case 'name_initial':
      return `${PART[d.part]} given as an initial`;
    case 'name_part_missing':
      return `${PART[d.part]} missing on one side`;
    case 'name_legal_form':
      return 'same name apart from the legal form';
    case 'email_same':
      return 'same e-mail';
    case 'email_local_part':
      return 'same e-mail name at another domain';
    case 'email_domain':
      return `e-mail at the same domain (${d.domain})`;
    case 'phone_same':
      return 'same phone';
    case 'organization_same':
      return 'same organization';
    case 'address_same':
      return 'same address';
    case 'birthday_same':
      return 'same birthday';
    case 'birthday_different':
      return 'different birthday';
  }
}

/** The details as the API shows them: kind, parameters and the text. */
export function presentDetails(details: ReasonDetail[]) {
  return details.map((d) => ({ ...d, text: reasonText(d) }));
}
