import { useRef, useState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client";

import { usePostAttachment } from "../api/post-attachment";
import { usePostMessage } from "../api/post-message";
import { AttachFileField } from "./attach-file-field";
import { messagingProblem } from "./problem-text";

/** The reply box under a thread, with an optional file (it joins the patient's record). A
 * doctor's reply to a closed thread reopens it. */
export function ReplyForm({ threadId, reopens, hint }: { threadId: number; reopens: boolean; hint: string }) {
  const post = usePostMessage(threadId);
  const attach = usePostAttachment(threadId);
  const fileInput = useRef<HTMLInputElement>(null);
  const pending = post.isPending || attach.isPending;
  const [body, setBody] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);

  return (
    <form
      noValidate
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        setFormError(null);
        if (body.trim() === "") {
          setFieldError("Write a message first");
          return;
        }
        setFieldError(undefined);
        const file = fileInput.current?.files?.[0];
        const handlers = {
          onSuccess: () => {
            setBody("");
            if (fileInput.current) fileInput.current.value = "";
          },
          onError: (error: Error) => {
            const field = error instanceof ApiError ? error.fieldErrors.body : undefined;
            if (field !== undefined) setFieldError(field);
            else setFormError(messagingProblem(error));
          },
        };
        if (file === undefined) post.mutate(body, handlers);
        else attach.mutate({ body, file }, handlers);
      }}
    >
      {formError !== null && (
        <Alert variant="destructive">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      )}
      <FormField label="Your reply" error={fieldError} description={hint}>
        {(field) => (
          <Textarea
            {...field}
            rows={4}
            value={body}
            onChange={(event) => {
              setBody(event.target.value);
            }}
          />
        )}
      </FormField>
      <AttachFileField inputRef={fileInput} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : reopens ? "Reply and reopen" : "Send reply"}
        </Button>
      </div>
    </form>
  );
}
