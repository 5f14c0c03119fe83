import type { ReactNode } from "react";
import { useAppStatus } from "../hooks/queries";
import { hrefFor } from "../hooks/useRoute";
import { NotAvailable } from "./NotAvailable";

/** Shows its children only with a session open; otherwise points to the Connect screen. */
export function RequireSession({ children }: { children: ReactNode }) {
  const status = useAppStatus();
  if (status.data?.connected) return <>{children}</>;
  return (
    <NotAvailable title="Not connected">
      <p>This screen needs a ZoomInfo connection.</p>
      <p>
        <a className="button button--primary" href={hrefFor("connect")}>
          Connect or try the demo
        </a>
      </p>
    </NotAvailable>
  );
}
