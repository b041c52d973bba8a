import { useState } from 'react';
import { InlineField } from '../components/inline-field/inline-field.tsx';
import type { FieldTypeName, OptionsOf, ValueOf } from '../components/inline-field/registry.ts';

/**
 * One inline field labelled "Thing" that holds its value as a page does: what was saved is shown.
 * `saved` gets each value saved; `save`, when given, is asked first (and may refuse).
 */
export function FieldHarness<K extends FieldTypeName>(props: {
  type: K;
  initial: ValueOf<K>;
  options?: OptionsOf<K>;
  saved: unknown[];
  save?: (v: ValueOf<K>) => Promise<unknown>;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <InlineField
      type={props.type}
      label="Thing"
      value={value}
      options={props.options}
      emptyText="Add thing"
      onSave={async (v) => {
        await props.save?.(v);
        props.saved.push(v);
        setValue(v);
      }}
    />
  );
}
