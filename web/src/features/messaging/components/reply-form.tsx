import { useState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client";

import { usePostMessage } from "../api/post-message";
import { messagingProblem } from "./problem-text";

/** The reply box under a thread. A doctor's reply to a closed thread reopens it. */
export function ReplyForm({ threadId, reopens, hint }: { threadId: number; reopens: boolean; hint: string }) {
  const post = usePostMessage(threadId);
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
        post.mutate(body, {
          onSuccess: () => {
            setBody("");
          },
          onError: (error) => {
            const field = error instanceof ApiError ? error.fieldErrors.body : undefined;
            if (field !== undefined) setFieldError(field);
            else setFormError(messagingProblem(error));
          },
        });
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
      <div className="flex justify-end">
        <Button type="submit" disabled={post.isPending}>
          {post.isPending ? "Sending…" : reopens ? "Reply and reopen" : "Send reply"}
        </Button>
      </div>
    </form>
  );
}
