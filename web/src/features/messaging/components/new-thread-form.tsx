import { useRef, useState } from "react";
import { useLocation } from "wouter";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client";

import { useStartThread } from "../api/start-thread";
import { useStartThreadWithFile } from "../api/start-thread-with-file";
import { type MessagingDoctor } from "../api/types";
import { AttachFileField } from "./attach-file-field";
import { messagingProblem } from "./problem-text";

const SUBJECT_MAX = 120;
const FIELDS = ["doctorId", "subject", "body"] as const;
type Field = (typeof FIELDS)[number];

/** A patient writes to one of their doctors who accept messages (or, `patientId`, to a doctor of
 * a patient they act for: the thread is that patient's), optionally with a file (it joins the
 * patient's record; a refused file sends nothing). */
export function NewThreadForm({ doctors, patientId = null }: { doctors: MessagingDoctor[]; patientId?: number | null }) {
  const [, navigate] = useLocation();
  const start = useStartThread();
  const startWithFile = useStartThreadWithFile();
  const fileInput = useRef<HTMLInputElement>(null);
  const pending = start.isPending || startWithFile.isPending;
  const writable = doctors.filter((doctor) => doctor.blockedReason === null);
  const [doctorId, setDoctorId] = useState(writable[0] === undefined ? "" : String(writable[0].id));
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const blocked = doctors.filter((doctor) => doctor.blockedReason !== null);

  return (
    <form
      noValidate
      className="grid gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        setFormError(null);
        const found: Partial<Record<Field, string>> = {};
        if (doctorId === "") found.doctorId = "Choose a doctor";
        if (subject.trim() === "") found.subject = "Give your message a subject";
        if (body.trim() === "") found.body = "Write your message";
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        const input = { doctorId: Number(doctorId), subject: subject.trim(), body, ...(patientId === null ? {} : { patientId }) };
        const handlers = {
          onSuccess: (thread: { id: number }) => {
            navigate(`/messages/${String(thread.id)}`);
          },
          onError: (error: Error) => {
            // Errors of this form's fields show at the field; the file's (and any other) above it.
            const fields = error instanceof ApiError ? error.fieldErrors : {};
            const own: Partial<Record<Field, string>> = {};
            for (const name of FIELDS) {
              const text = fields[name];
              if (text !== undefined) own[name] = text;
            }
            if (Object.keys(own).length > 0) setErrors(own);
            else setFormError(messagingProblem(error));
          },
        };
        const file = fileInput.current?.files?.[0];
        if (file === undefined) start.mutate(input, handlers);
        else startWithFile.mutate({ ...input, file }, handlers);
      }}
    >
      {formError !== null && (
        <Alert variant="destructive">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      )}
      <FormField label="Doctor" error={errors.doctorId} required>
        {(field) => (
          <NativeSelect
            {...field}
            value={doctorId}
            onChange={(event) => {
              setDoctorId(event.target.value);
            }}
          >
            {writable.map((doctor) => (
              <option key={doctor.id} value={doctor.id}>
                {doctor.fullName}
                {doctor.specialization !== null && doctor.specialization !== undefined ? ` · ${doctor.specialization}` : ""}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      {blocked.length > 0 && (
        <ul className="grid gap-1 text-sm text-muted-foreground">
          {blocked.map((doctor) => (
            <li key={doctor.id}>
              {doctor.fullName} does not accept messages from you: “{doctor.blockedReason}”
            </li>
          ))}
        </ul>
      )}
      <FormField
        label="Subject"
        description={`One line, at most ${String(SUBJECT_MAX)} characters.`}
        error={errors.subject}
        required
      >
        {(field) => (
          <Input
            {...field}
            maxLength={SUBJECT_MAX}
            value={subject}
            onChange={(event) => {
              setSubject(event.target.value);
            }}
          />
        )}
      </FormField>
      <FormField
        label="Message"
        description="Plain text. Messages are not for emergencies: in an emergency, call the clinic's emergency line."
        error={errors.body}
        required
      >
        {(field) => (
          <Textarea
            {...field}
            rows={8}
            value={body}
            onChange={(event) => {
              setBody(event.target.value);
            }}
          />
        )}
      </FormField>
      <AttachFileField inputRef={fileInput} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || writable.length === 0}>
          {pending ? "Sending…" : "Send message"}
        </Button>
      </div>
    </form>
  );
}
