import type { ReactNode } from "react";
import { Icon } from "./Icon";

/** An honest placeholder for a screen whose feature has not shipped: no fake data. */
export function NotAvailable({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel empty-panel" aria-labelledby="not-available-title">
      <Icon name="info" size={28} className="empty-icon" />
      <h2 id="not-available-title">{title}</h2>
      <div className="empty-text">{children}</div>
    </section>
  );
}
