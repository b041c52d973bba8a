import type { Field } from '../../api/fields.ts';
import { useOrganization } from '../../api/organizations.ts';
import { usePerson } from '../../api/persons.ts';
import type { ContactChoice } from '../contact-pickers.tsx';

/** A contact field's value with its name looked up (the API gives only the id); other values as they are. */
export function useNamed(field: Field, value: unknown): unknown {
  const choice = value as ContactChoice | null;
  const id = choice?.kind === 'existing' ? choice.id : null;
  const person = usePerson(field.field_type === 'people' ? id : null);
  const org = useOrganization(field.field_type === 'org' ? id : null);
  if (choice?.kind !== 'existing') return value;
  const name = (field.field_type === 'people' ? person.data?.name : org.data?.name) ?? `#${choice.id}`;
  return { ...choice, name };
}
