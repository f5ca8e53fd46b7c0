import { useCallback, useRef, useState, type ChangeEvent, type ComponentProps } from "react";

import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** A TOTP code as the API accepts it: six digits. */
export const CODE_PATTERN = /^\d{6}$/;

/** The 6-digit code of an authenticator app (the browser may offer it: `one-time-code`). */
export function OneTimeCodeInput({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <Input
      type="text"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9]*"
      maxLength={6}
      spellCheck={false}
      className={cn("max-w-40 font-mono text-lg tracking-[0.3em]", className)}
      {...props}
    />
  );
}

/**
 * One code field's state: what was typed, the message shown under it, and its focus.
 * Spread `inputProps` on the input (after FormField's props).
 */
export function useCodeField() {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>();
  const ref = useRef<HTMLInputElement>(null);
  // Stable, so that an effect may depend on it.
  const focus = useCallback(() => {
    ref.current?.focus();
  }, []);
  return {
    /** What was typed, trimmed. */
    entered: value.trim(),
    error,
    /** Show `message` at the field and put the cursor there; `clear` empties it first. */
    reject(message: string, { clear = false }: { clear?: boolean } = {}) {
      setError(message);
      if (clear) setValue("");
      focus();
    },
    /** Empty the field and forget its message. */
    reset() {
      setValue("");
      setError(undefined);
    },
    clearError() {
      setError(undefined);
    },
    focus,
    inputProps: {
      ref,
      value,
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        setValue(event.target.value);
      },
    },
  };
}
