import { KeyRound, Ban, RotateCcw, Search, Users } from "lucide-react";
import { useDeferredValue, useState } from "react";

import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { QueryError } from "@/components/query-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { useCurrentUser } from "@/features/accounts";

import { useReactivateUser } from "../api/reactivate-user";
import { type AdminUser, type UserSearch, useUserSearch } from "../api/search-users";
import { ResetMfaDialog } from "../components/admin-user-dialogs";
import { SuspendAccountDialog } from "../components/suspend-account-dialog";
import { ROLE_LABEL } from "../types";
import { formErrorMessage } from "../utils";

type RoleFilter = "" | NonNullable<UserSearch["role"]>;

function UserRow({ user, self }: { user: AdminUser; self: boolean }) {
  const reactivate = useReactivateUser();
  const [dialog, setDialog] = useState<"suspend" | "mfa" | null>(null);
  const onReactivate = () => {
    reactivate.mutate(user.id, {
      onSuccess: () => {
        toast({ title: `${user.fullName} is reactivated`, description: "They can sign in again.", variant: "success" });
      },
      onError: (error) => {
        toast({ title: "Could not reactivate", description: formErrorMessage(error), variant: "destructive" });
      },
    });
  };
  return (
    <li className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-medium">{user.fullName}</h2>
          <Badge variant="outline">{ROLE_LABEL[user.role]}</Badge>
          {user.suspended && <Badge variant="destructive">Suspended</Badge>}
          {user.mfaEnabled && <Badge variant="secondary">Two-factor on</Badge>}
          {self && <Badge variant="secondary">You</Badge>}
        </div>
        <p className="mt-1 truncate text-sm text-muted-foreground">
          @{user.username} · {user.email}
        </p>
        {user.suspended && user.suspensionReason !== null && (
          <p className="mt-1 text-sm text-muted-foreground">Reason: {user.suspensionReason}</p>
        )}
      </div>
      {!self && (
        <div className="flex shrink-0 flex-wrap gap-2">
          {user.mfaEnabled && (
            <Button
              variant="outline"
              aria-label={`Reset two-factor sign-in of ${user.fullName}`}
              onClick={() => {
                setDialog("mfa");
              }}
            >
              <KeyRound aria-hidden="true" />
              Reset two-factor
            </Button>
          )}
          {user.suspended ? (
            <Button onClick={onReactivate} disabled={reactivate.isPending} aria-label={`Reactivate ${user.fullName}`}>
              <RotateCcw aria-hidden="true" />
              Reactivate
            </Button>
          ) : (
            <Button
              variant="outline"
              aria-label={`Suspend ${user.fullName}`}
              onClick={() => {
                setDialog("suspend");
              }}
            >
              <Ban aria-hidden="true" />
              Suspend
            </Button>
          )}
        </div>
      )}
      <SuspendAccountDialog
        account={user}
        open={dialog === "suspend"}
        onOpenChange={(open) => {
          setDialog(open ? "suspend" : null);
        }}
      />
      <ResetMfaDialog
        user={user}
        open={dialog === "mfa"}
        onOpenChange={(open) => {
          setDialog(open ? "mfa" : null);
        }}
      />
    </li>
  );
}

/** The admin users page: search every account by name, username or email; suspend,
 * reactivate, or reset a lost two-factor device. */
export function AdminUsersPage() {
  const { data: me } = useCurrentUser();
  const [q, setQ] = useState("");
  const [role, setRole] = useState<RoleFilter>("");
  const search: UserSearch = { q: useDeferredValue(q.trim()), role: role === "" ? undefined : role };
  const users = useUserSearch(search);

  let content;
  if (users.isPending) {
    content = <p role="status">Loading users…</p>;
  } else if (users.isError) {
    content = <QueryError title="The users could not be loaded" error={users.error} onRetry={() => void users.refetch()} />;
  } else if (users.data.length === 0) {
    content = <EmptyState icon={Users} title="No user matches" description="Try part of a name, a username or an email." />;
  } else {
    content = (
      <section aria-labelledby="users-count">
        <p id="users-count" role="status" className="mb-3 text-sm text-muted-foreground">
          {users.data.length === 1 ? "1 user" : `${String(users.data.length)} users`}
        </p>
        <Card className="gap-0 py-0">
          <ul className="divide-y" aria-label="Users">
            {users.data.map((user) => (
              <UserRow key={user.id} user={user} self={user.id === me?.id} />
            ))}
          </ul>
        </Card>
      </section>
    );
  }

  return (
    <>
      <title>Users · Clinic360</title>
      <PageHeader title="Users" description="Find any account; suspend or reactivate it, or reset a lost two-factor device." />
      <form
        role="search"
        className="mb-4 grid gap-3 sm:grid-cols-[1fr_12rem]"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <FormField label="Search users" description="Name, username or email">
          {(field) => (
            <div className="relative">
              <Search aria-hidden="true" className="absolute top-2.5 left-2.5 size-4 text-muted-foreground" />
              <Input
                {...field}
                type="search"
                className="pl-8"
                maxLength={100}
                value={q}
                onChange={(event) => {
                  setQ(event.target.value);
                }}
              />
            </div>
          )}
        </FormField>
        <FormField label="Role">
          {(field) => (
            <NativeSelect
              {...field}
              value={role}
              onChange={(event) => {
                setRole(event.target.value as RoleFilter);
              }}
            >
              <option value="">Every role</option>
              <option value="patient">Patients</option>
              <option value="doctor">Doctors</option>
              <option value="admin">Administrators</option>
              <option value="receptionist">Receptionists</option>
              <option value="manager">Managers</option>
            </NativeSelect>
          )}
        </FormField>
      </form>
      {content}
    </>
  );
}
