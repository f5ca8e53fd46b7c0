import { type FieldChange } from "./version-diff";

/** What a version changed, field by field ("was" → "now"); empty values read "(empty)". */
export function VersionChanges({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <p className="text-muted-foreground">No field changed.</p>;
  return (
    <dl className="grid gap-1">
      {changes.map((change) => (
        <div key={change.label} className="flex flex-wrap gap-x-2">
          <dt className="font-medium">Changed {change.label.toLowerCase()}:</dt>
          <dd>
            <del className="text-muted-foreground">{change.before === "" ? "(empty)" : change.before}</del>
            {" → "}
            <ins className="no-underline">{change.after === "" ? "(empty)" : change.after}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}
