import type { AppStatus, Screen } from "../api/types";
import { hrefFor } from "../hooks/useRoute";
import { Icon, type IconName } from "./Icon";

const NAV: Array<{ screen: Screen; label: string; icon: IconName }> = [
  { screen: "search", label: "Search", icon: "search" },
  { screen: "enrich", label: "Enrich", icon: "enrich" },
  { screen: "usage", label: "Usage", icon: "usage" },
  { screen: "provisioning", label: "Provisioning", icon: "provisioning" },
  { screen: "connectors", label: "Connectors", icon: "connectors" },
];

function NavLink({ screen, label, icon, current }: { screen: Screen; label: string; icon: IconName; current: boolean }) {
  return (
    <a className="nav-link" href={hrefFor(screen)} aria-current={current ? "page" : undefined}>
      <Icon name={icon} />
      <span>{label}</span>
    </a>
  );
}

/** The left navigation, always visible: screens, then the account and settings at the bottom. */
export function Sidebar({ current, status }: { current: Screen; status: AppStatus }) {
  const account = status.connected ? (status.demo ? "Demo account" : "Connected") : "Not connected";
  const accountHint = status.connected ? (status.demo ? "Simulated ZoomInfo" : "ZoomInfo") : "Connect an account";
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <img src="/icon.png" alt="" width={28} height={28} />
        <span className="brand-name">zi-console</span>
      </div>
      <div className="nav-group">
        {NAV.map((item) => (
          <NavLink key={item.screen} {...item} current={current === item.screen} />
        ))}
      </div>
      <div className="nav-bottom">
        <NavLink screen="settings" label="Settings" icon="settings" current={current === "settings"} />
        <a
          className="account-link"
          href={hrefFor("connect")}
          aria-current={current === "connect" ? "page" : undefined}
        >
          <span className={`status-dot ${status.connected ? "status-dot--on" : ""}`} aria-hidden="true" />
          <span className="account-text">
            <span className="account-name">{account}</span>
            <span className="account-hint">{accountHint}</span>
          </span>
        </a>
        <p className="version">v{status.version}</p>
      </div>
    </nav>
  );
}
