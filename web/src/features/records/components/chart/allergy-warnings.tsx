import { TriangleAlert } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

import { type AllergyWarning } from "../../api/types";

/** What was just written names an active allergy's substance: said, never blocked. */
export function AllergyWarnings({ warnings, onDismiss }: { warnings: AllergyWarning[]; onDismiss: () => void }) {
  if (warnings.length === 0) return null;
  return (
    <Alert variant="destructive" role="alert">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>Allergy warning</AlertTitle>
      <AlertDescription>
        <p>
          What you just saved names an active allergy of this patient:{" "}
          <strong>{warnings.map((w) => w.substance).join(", ")}</strong>. It was saved; check it.
        </p>
        <Button variant="outline" size="sm" className="mt-2" onClick={onDismiss}>
          Dismiss warning
        </Button>
      </AlertDescription>
    </Alert>
  );
}
