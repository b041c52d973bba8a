/**
 * Which of a form's fields the server's refusal names ("Validation failed: amount: …", "… (billing_date)"),
 * so the message is shown on that field; null when it names none of them (shown above the buttons).
 */
export function fieldOfError<F extends string>(error: unknown, fields: readonly F[]): F | null {
  if (!(error instanceof Error)) return null;
  return fields.find((f) => new RegExp(`(^|[^a-z_])${f}([^a-z_]|$)`).test(error.message)) ?? null;
}

/** The form's error props: the message on the field it names, or in the form. */
export function placeError<F extends string>(error: unknown, fields: readonly F[]) {
  const field = fieldOfError(error, fields);
  const message = error instanceof Error ? error.message : null;
  return {
    on: (f: F) => (field === f && message ? message : undefined),
    form: field === null ? error : null,
  };
}
