/** One field that differs between a version and the one before it. */
export interface FieldChange {
  label: string;
  before: string;
  after: string;
}

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/** The fields (in `fields` order) whose value differs between `previous` and `current`. */
export function changedFields(
  previous: object,
  current: object,
  fields: readonly { name: string; label: string }[],
): FieldChange[] {
  const before = previous as Record<string, unknown>;
  const after = current as Record<string, unknown>;
  return fields
    .filter((field) => text(before[field.name]) !== text(after[field.name]))
    .map((field) => ({ label: field.label, before: text(before[field.name]), after: text(after[field.name]) }));
}
