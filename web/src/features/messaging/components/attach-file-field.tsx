import { type Ref } from "react";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

/** The optional file of a message (a reply, or the first message of a new thread): PDF, PNG
 * or JPEG; the server reads the type from the bytes and adds the file to the patient's record. */
export function AttachFileField({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  return (
    <FormField
      label="Attach a file (optional)"
      description="PDF, PNG or JPEG. It is also added to the patient's documents."
    >
      {(field) => <Input {...field} ref={inputRef} type="file" name="file" accept=".pdf,.png,.jpg,.jpeg" />}
    </FormField>
  );
}
