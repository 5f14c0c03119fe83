import { useId, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useBackend } from "../../api/context";
import type { BackendError } from "../../api/errors";
import type { UserLine, UserPage } from "../../api/types";
import { ErrorMessage } from "../ErrorMessage";

/** Users shown per page. */
export const USERS_PAGE = 50;

function credits(line: UserLine): string {
  const parts = [line.zi_user_credit, line.zi_credit_limit && `limit ${line.zi_credit_limit}`, line.zi_reset_usage];
  return parts.filter(Boolean).join(" · ") || "—";
}

/** "Sales (group Sales Team, ziProduct)": the product, and where it comes from beneath. */
function Product({ held }: { held: string }) {
  const open = held.indexOf(" (");
  if (open < 0 || !held.endsWith(")")) return <div>{held}</div>;
  return (
    <div>
      {held.slice(0, open)} <span className="muted small">via {held.slice(open + 2, -1)}</span>
    </div>
  );
}

/**
 * The endpoint's users as its latest check read them: search by name, email, group or
 * product; each with their products (and where they come from), groups and Okta's zi*
 * attributes. `checkedAt` refetches after each check.
 */
export function UsersPanel({ endpointId, total, checkedAt }: { endpointId: number; total: number; checkedAt: string }) {
  const id = useId();
  const backend = useBackend();
  const [text, setText] = useState("");
  const [offset, setOffset] = useState(0);
  const page = useQuery<UserPage, BackendError>({
    queryKey: ["scim-users", endpointId, text, offset, checkedAt],
    queryFn: () => backend.scimUsers(endpointId, { text: text || null, offset, limit: USERS_PAGE }),
    placeholderData: keepPreviousData,
  });
  const data = page.data;
  const last = data ? Math.min(offset + USERS_PAGE, data.matching) : 0;
  return (
    <details className="prov-card users-panel">
      <summary className="prov-card-title" id={`${id}-title`}>
        Users ({total})
      </summary>
      <div className="users-toolbar">
        <label className="field field--inline">
          <span>Find</span>
          <input
            type="search"
            value={text}
            placeholder="name, email, group or product"
            onChange={(event) => {
              setText(event.target.value);
              setOffset(0);
            }}
          />
        </label>
        {data && (
          <span className="muted small" aria-live="polite">
            {data.matching === 0 ? "No user matches" : `${offset + 1}–${last} of ${data.matching}`}
            {data.matching !== data.total && ` (of ${data.total})`}
          </span>
        )}
        <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - USERS_PAGE))}>
          Previous
        </button>
        <button type="button" className="button" disabled={!data || last >= data.matching} onClick={() => setOffset(offset + USERS_PAGE)}>
          Next
        </button>
      </div>
      {page.isError && <ErrorMessage error={page.error} onRetry={() => void page.refetch()} />}
      {data && data.lines.length > 0 && (
        <div className="table-scroll">
          <table className="users-table" aria-labelledby={`${id}-title`}>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">SCIM status</th>
                <th scope="col">Products</th>
                <th scope="col">Groups</th>
                <th scope="col">Role</th>
                <th scope="col">Credits</th>
                <th scope="col">externalId</th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line) => (
                <tr key={line.user_name}>
                  <td>
                    <code>{line.user_name}</code>
                    {line.email && line.email.toLowerCase() !== line.user_name.toLowerCase() && (
                      <div className="muted small">{line.email}</div>
                    )}
                  </td>
                  <td>{line.active ? "Active" : <span className="text-danger">Inactive</span>}</td>
                  <td>
                    {line.products.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      line.products.map((held) => <Product key={held} held={held} />)
                    )}
                  </td>
                  <td>{line.groups.join(", ") || <span className="muted">none</span>}</td>
                  <td>{line.zi_role ?? "—"}</td>
                  <td className="nowrap">{credits(line)}</td>
                  <td>
                    <code className="small">{line.external_id ?? "—"}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="field-note">
        SCIM status is what the identity provider pushed; ZoomInfo&apos;s own user list (platform status) can differ
        while a change is pending or after a failed push.
      </p>
    </details>
  );
}
