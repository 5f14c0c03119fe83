import type { Finding, Severity } from "../../api/types";

const SEVERITY: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info" };

/** Names shown as chips; a longer list ends with how many more (the Users panel has them all). */
const NAMES_SHOWN = 12;

function Names({ label, names }: { label: string; names: string[] }) {
  if (names.length === 0) return null;
  const more = names.length - NAMES_SHOWN;
  return (
    <p className="problem-names">
      <span className="muted">{label}:</span>{" "}
      {names.slice(0, NAMES_SHOWN).map((name) => (
        <code key={name} className="chip">
          {name}
        </code>
      ))}
      {more > 0 && <span className="muted"> and {more} more</span>}
    </p>
  );
}

/** Every finding, worst first: severity, what to do, the users and groups concerned. */
export function ProblemsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) {
    return <p className="text-ok">No problems found: token, seats and groups all follow the rules.</p>;
  }
  return (
    <ul className="problem-list" aria-label="Problems">
      {findings.map((finding, index) => (
        <li key={`${finding.kind}-${index}`} className={`problem problem--${finding.severity}`}>
          <span className={`pill pill--${finding.severity === "error" ? "error" : finding.severity === "warning" ? "warning" : "ok"}`}>
            {SEVERITY[finding.severity]}
          </span>
          <div className="problem-body">
            <p className="problem-message">{finding.message}</p>
            <Names label={finding.users.length === 1 ? "User" : "Users"} names={finding.users} />
            <Names label={finding.groups.length === 1 ? "Group" : "Groups"} names={finding.groups} />
          </div>
        </li>
      ))}
    </ul>
  );
}
