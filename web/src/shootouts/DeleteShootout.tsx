/** Delete, asked twice: the shootout and its rendered files go for good. */
import { useNavigate } from "react-router";

import { ConfirmDelete } from "../components/ConfirmDelete";
import { useDeleteShootout } from "./api";

export function DeleteShootout({ id, name }: { id: string; name: string }) {
  const remove = useDeleteShootout(id);
  const navigate = useNavigate();
  return (
    <ConfirmDelete
      what={name}
      question={`Delete “${name}” and its rendered files?`}
      onConfirm={() => remove.mutate(undefined, { onSuccess: () => void navigate("/shootouts") })}
      pending={remove.isPending}
      error={remove.error}
    />
  );
}
