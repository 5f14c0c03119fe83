import type { ReactNode } from "react";
import type { Screen } from "./api/types";
import { useAppStatus } from "./hooks/queries";
import { useRoute } from "./hooks/useRoute";
import { DemoBanner } from "./components/DemoBanner";
import { ErrorMessage } from "./components/ErrorMessage";
import { Sidebar } from "./components/Sidebar";
import { Spinner } from "./components/Spinner";
import { ConnectorsScreen } from "./screens/ConnectorsScreen";
import { ConnectScreen } from "./screens/ConnectScreen";
import { EnrichScreen } from "./screens/EnrichScreen";
import { ProvisioningScreen } from "./screens/ProvisioningScreen";
import { SearchScreen } from "./screens/SearchScreen";
import { SettingsScreen } from "./screens/SettingsScreen";
import { UsageScreen } from "./screens/UsageScreen";

function screenView(screen: Screen, navigate: (screen: Screen) => void): ReactNode {
  switch (screen) {
    case "connect":
      return <ConnectScreen onConnected={() => navigate("search")} />;
    case "search":
      return <SearchScreen />;
    case "enrich":
      return <EnrichScreen />;
    case "usage":
      return <UsageScreen />;
    case "provisioning":
      return <ProvisioningScreen />;
    case "connectors":
      return <ConnectorsScreen />;
    case "settings":
      return <SettingsScreen />;
  }
}

export function App() {
  const status = useAppStatus();
  const [route, navigate] = useRoute();

  if (status.isPending) {
    return (
      <div className="splash">
        <Spinner label="Starting zi-console…" />
      </div>
    );
  }
  if (status.isError) {
    return (
      <div className="splash">
        <ErrorMessage error={status.error} onRetry={() => void status.refetch()} />
      </div>
    );
  }

  const app = status.data;
  // The hash wins; then `--screen`; then Connect on first run, Search once connected.
  const screen: Screen = route ?? app.initialScreen ?? (app.connected ? "search" : "connect");

  return (
    <div className="app">
      <Sidebar current={screen} status={app} />
      <div className="main-column">
        {app.demo && <DemoBanner />}
        <main className="content" id="content">
          {screenView(screen, navigate)}
        </main>
      </div>
    </div>
  );
}
