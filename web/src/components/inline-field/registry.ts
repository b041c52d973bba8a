import type { ComponentProps } from 'react';
import { enumField, set, user, visibility } from './choice.tsx';
import { email, org, people, phone } from './contact.tsx';
import { date } from './date.tsx';
import { double, monetary } from './number.tsx';
import { address, text, varchar } from './text.tsx';

/**
 * The field types the inline field edits, by name. The names are Pipedrive's field types
 * (GET /v1/dealFields → field_type) where one exists, so a custom field finds its editor by its type;
 * `visibility` and `email` are fields of every record that Pipedrive types otherwise. A new type is one
 * entry here (daterange, time, timerange are the custom-field types still to come).
 */
export const fieldTypes = {
  varchar,
  text,
  address,
  double,
  monetary,
  date,
  enum: enumField,
  set,
  user,
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
