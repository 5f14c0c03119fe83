import { useState } from "react";
import { useBackend } from "../api/context";
import { ErrorMessage } from "./ErrorMessage";

/** "Show in folder" beside a file the app just wrote: the file manager opens with it selected. */
export function ShowInFolder({ path }: { path: string }) {
  const backend = useBackend();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          setError(null);
          backend.showInFolder(path).catch(setError);
        }}
      >
        Show in folder
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </>
  );
}
