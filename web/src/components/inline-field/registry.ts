import type { ComponentProps } from 'react';
import { enumField, optionalUser, set, user, visibility } from './choice.tsx';
import { email, org, people, phone } from './contact.tsx';
import { date } from './date.tsx';
import { double, monetary } from './number.tsx';
import { daterange, time, timerange } from './range.tsx';
import { address, text, varchar } from './text.tsx';

/**
 * The field types the inline field edits, by name. The names are Pipedrive's field types
 * (GET /v1/dealFields → field_type) where one exists, so a custom field finds its editor by its type;
 * `visibility` and `email` are fields of every record that Pipedrive types otherwise, and `optionalUser`
 * is a user field that may be empty (a custom one; the owner is always set). A new type is one entry here;
 * custom fields find theirs through `components/custom-fields/adapters.ts`.
 */
export const fieldTypes = {
  varchar,
  /** Pipedrive's autocomplete text: one line, as varchar */
  varchar_auto: varchar,
  text,
  address,
  double,
  monetary,
  date,
  daterange,
  time,
  timerange,
  enum: enumField,
  set,
  user,
  optionalUser,
  visibility,
  org,
  people,
  email,
  phone,
};

export type FieldTypeName = keyof typeof fieldTypes;
type Def<K extends FieldTypeName> = (typeof fieldTypes)[K];
/** The value a field of type K edits. */
export type ValueOf<K extends FieldTypeName> = ComponentProps<Def<K>['Show']>['value'];
/** What a field of type K is told besides its value (the options of a list, a maximum…). */
export type OptionsOf<K extends FieldTypeName> = ComponentProps<Def<K>['Show']>['options'];
