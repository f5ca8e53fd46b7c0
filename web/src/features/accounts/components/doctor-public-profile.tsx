import { X } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { isApiError } from "@/lib/api-client";
import { COMMON_LANGUAGES, languageName } from "@/lib/languages";

import { useUpdateUser } from "../api/update-user";
import { type User } from "../types";
import { FormAlert } from "./form-alert";

export const ADDRESS_MAX_LENGTH = 300;
export const BIO_MAX_LENGTH = 1000;
export const MAX_LANGUAGES = 10;

/**
 * What patients see of a doctor beyond the name: the address of in-person visits (also in
 * emails and calendar files), the languages they speak (a list: add from the choice, remove
 * each) and a short bio. Shown on the public doctor page.
 */
export function DoctorPublicProfile({ user }: { user: User }) {
  const update = useUpdateUser();
  const [address, setAddress] = useState(user.address ?? "");
  const [bio, setBio] = useState(user.bio ?? "");
  const [languages, setLanguages] = useState<string[]>(user.languages);
  const [choice, setChoice] = useState("");
  const [error, setError] = useState<string | null>(null);
  const available = COMMON_LANGUAGES.filter((code) => !languages.includes(code));
  const full = languages.length >= MAX_LANGUAGES;

  function add() {
    if (choice === "" || full) return;
    setLanguages([...languages, choice]);
    setChoice("");
  }

  function save(event: React.SyntheticEvent) {
    event.preventDefault();
    setError(null);
    update.mutate(
      { address: address.trim(), bio: bio.trim(), languages },
      {
        onSuccess: (saved) => {
          setAddress(saved.address ?? "");
          setBio(saved.bio ?? "");
          setLanguages(saved.languages);
          toast({ title: "Public profile saved", variant: "success" });
        },
        onError: (failure) => {
          setError(isApiError(failure) ? (failure.detail ?? "Check the fields and try again.") : "Something went wrong. Try again.");
        },
      },
    );
  }

  return (
    <form noValidate onSubmit={save} className="grid gap-5" aria-label="Public profile">
      {error !== null && <FormAlert title="Your public profile could not be saved">{error}</FormAlert>}
      <FormField
        label="Address"
        description="Where you see patients in person. It is in their emails and calendar files."
      >
        {(field) => (
          <Input {...field} autoComplete="street-address" maxLength={ADDRESS_MAX_LENGTH} value={address}
            onChange={(event) => { setAddress(event.target.value); }} />
        )}
      </FormField>
      <fieldset className="grid gap-3">
        <legend className="text-sm font-medium">Languages you speak</legend>
        {languages.length === 0 ? (
          <p className="text-sm text-muted-foreground">None listed yet.</p>
        ) : (
          <ul aria-label="Languages you speak" className="flex flex-wrap gap-2">
            {languages.map((code) => (
              <li key={code} className="flex items-center gap-1 rounded-full border py-0.5 pr-1 pl-3 text-sm">
                {languageName(code)}
                <Button type="button" variant="ghost" size="icon" className="size-6"
                  aria-label={`Remove ${languageName(code)}`}
                  onClick={() => { setLanguages(languages.filter((other) => other !== code)); }}>
                  <X aria-hidden="true" className="size-3" />
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-end gap-2">
          <FormField label="Add a language" className="min-w-48"
            description={full ? `At most ${String(MAX_LANGUAGES)} languages.` : undefined}>
            {(field) => (
              <NativeSelect {...field} value={choice} disabled={full}
                onChange={(event) => { setChoice(event.target.value); }}>
                <option value="">Choose…</option>
                {available.map((code) => (
                  <option key={code} value={code}>{languageName(code)}</option>
                ))}
              </NativeSelect>
            )}
          </FormField>
          <Button type="button" variant="outline" disabled={choice === "" || full} onClick={add}>
            Add
          </Button>
        </div>
      </fieldset>
      <FormField label="Bio" description={`A short presentation for patients (at most ${String(BIO_MAX_LENGTH)} characters).`}>
        {(field) => (
          <Textarea {...field} rows={4} maxLength={BIO_MAX_LENGTH} value={bio}
            onChange={(event) => { setBio(event.target.value); }} />
        )}
      </FormField>
      <div className="flex justify-end">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save public profile"}
        </Button>
      </div>
    </form>
  );
}
