import { Icon } from "./Icon";

export function DemoBanner() {
  return (
    <div className="demo-banner" role="status">
      <Icon name="flask" size={16} />
      <span>
        <strong>Demo mode</strong> — simulated ZoomInfo data, no credits spent
      </span>
    </div>
  );
}
